using UsocHil.Configuration;
using UsocHil.Description;
using UsocHil.Tests.Support;

namespace UsocHil.Tests.Configuration;

/// <summary>The rig session's words (heartbeat command, boot event) come from the rig file and must be in its dictionary.</summary>
public sealed class RigSessionWordsTests
{
    [Test]
    public void Load_ShippedFurnace_TakesItsHeartbeatAndBootEventFromTheRigFile()
    {
        RigDefinition furnace = RigLoader.Load(Path.Combine(RepositoryPaths.Rigs, "furnace-em", "rig.json"));

        Assert.That(furnace.Session.Heartbeat?.Command, Is.EqualTo("ARE_YOU_ALIVE"));
        Assert.That(furnace.Session.Heartbeat?.IntervalSeconds, Is.EqualTo(5));
        Assert.That(furnace.Session.BootEvent, Is.EqualTo("BOOT_COMPLETE"));
        Assert.That(furnace.Session.SilenceSeconds, Is.EqualTo(15));
    }

    [TestCase("\"command\": \"ARE_YOU_ALIVE\"", "\"command\": \"ARE_YOU_THERE\"", "$.session.heartbeat.command", "unknown command 'ARE_YOU_THERE'")]
    [TestCase("\"bootEvent\": \"BOOT_COMPLETE\"", "\"bootEvent\": \"BOOTED\"", "$.session.bootEvent", "unknown event 'BOOTED'")]
    [TestCase("\"command\": \"ARE_YOU_ALIVE\"", "\"command\": \"SET_HOUSEKEEPING_INTERVAL\"", "$.session.heartbeat.command", "takes arguments")]
    public void Load_SessionWordNotUsable_NamesFilePathAndLine(string from, string to, string path, string message)
    {
        using var station = TemporaryStation.CopyOfShipped();
        string rigFile = station.RigFile("furnace-em");
        string text = File.ReadAllText(rigFile);
        File.WriteAllText(rigFile, text.Replace(from, to, StringComparison.Ordinal));
        int line = text[..text.IndexOf("\"session\"", StringComparison.Ordinal)].Count(c => c == '\n') + 1;

        var error = Assert.Throws<ConfigurationException>(() => RigLoader.Load(rigFile))!;

        ConfigurationProblem problem = error.Problems.Single();
        Assert.That(problem.File, Does.EndWith("rig.json"));
        Assert.That(problem.JsonPath, Is.EqualTo(path));
        Assert.That(problem.Line, Is.EqualTo(line));
        Assert.That(problem.Message, Does.Contain(message));
    }

    [Test]
    public void Load_SessionWithoutItsCommandName_IsASchemaProblem()
    {
        using var station = TemporaryStation.CopyOfShipped();
        string rigFile = station.RigFile("furnace-em");
        File.WriteAllText(rigFile, File.ReadAllText(rigFile).Replace("\"command\": \"ARE_YOU_ALIVE\", ", "", StringComparison.Ordinal));

        var error = Assert.Throws<ConfigurationException>(() => RigLoader.Load(rigFile))!;

        Assert.That(error.Problems.Single().JsonPath, Does.StartWith("$.session.heartbeat"));
    }
}
