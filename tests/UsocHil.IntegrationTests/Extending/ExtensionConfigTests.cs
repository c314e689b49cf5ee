using System.Text.Json.Nodes;

namespace UsocHil.IntegrationTests.Extending;

/// <summary>A station's <c>"extensions"</c> entry that cannot be used is one line naming the station file and the entry, exit 2.</summary>
public sealed class ExtensionConfigTests
{
    [TestCase("missing/Nothing.dll", "no extension assembly 'missing/Nothing.dll'")]
    [TestCase("toy-rig/rig.json", "not a .NET assembly")]
    [TestCase("../Newtonsoft.Json.dll", "has no public class implementing IHarnessExtension")]
    [CancelAfter(60_000)]
    public async Task ConfigValidate_BadExtensionEntry_OneLineNamingFileAndFieldExitTwo(string entry, string expected, CancellationToken cancellationToken)
    {
        using var toy = new ToyStation();
        File.Copy(Path.Combine(AppContext.BaseDirectory, "Newtonsoft.Json.dll"), Path.Combine(toy.Root, "Newtonsoft.Json.dll"));
        Directory.CreateDirectory(Path.Combine(toy.Directory, "toy-rig"));
        File.Copy(Path.Combine(toy.Directory, "rigs", "toy-rig", "rig.json"), Path.Combine(toy.Directory, "toy-rig", "rig.json"));
        JsonNode station = JsonNode.Parse(File.ReadAllText(toy.StationFile))!;
        station["extensions"] = new JsonArray(entry);
        File.WriteAllText(toy.StationFile, station.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true }));

        CliProcessResult validate = await UsocHilProcess.RunAsync(toy.Root, ["--station", toy.StationFile, "config", "validate"], cancellationToken);

        Assert.That(validate.ExitCode, Is.EqualTo(2), validate.Stdout + "\n" + validate.Stderr);
        string[] lines = validate.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.That(lines, Has.Length.EqualTo(1), validate.Stderr);
        Assert.That(lines[0], Does.Contain("toy-station.json").And.Contain("$.extensions[0]").And.Contain(expected));
        Assert.That(validate.Stderr, Does.Not.Contain("   at "));
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task ConfigValidate_RigNamesAnUnregisteredProtocol_OneLineNamingRigFileAndField(CancellationToken cancellationToken)
    {
        using var toy = new ToyStation();
        JsonNode station = JsonNode.Parse(File.ReadAllText(toy.StationFile))!;
        station["extensions"] = new JsonArray();
        File.WriteAllText(toy.StationFile, station.ToJsonString());

        CliProcessResult validate = await UsocHilProcess.RunAsync(toy.Root, ["--station", toy.StationFile, "config", "validate"], cancellationToken);

        Assert.That(validate.ExitCode, Is.EqualTo(2), validate.Stdout + "\n" + validate.Stderr);
        Assert.That(validate.Stderr, Does.Contain("rig.json").And.Contain("$.links[0].protocol").And.Contain("registered: pus"));
        Assert.That(validate.Stderr, Does.Contain("$.emulator").And.Contain("'toy-oven' is not registered"));
        Assert.That(validate.Stderr, Does.Contain("soak.json").And.Contain("unknown step kind 'soak'"));
    }
}
