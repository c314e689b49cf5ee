using System.Text.Json;
using System.Text.Json.Nodes;
using UsocHil.FirmwareSim.Truth;

namespace UsocHil.IntegrationTests.Runs;

/// <summary>
/// A throw-away station: the repository's furnace rig and shipped sequences (plus any test sequences) in a temporary
/// folder, bound to its emulator with a given unit seed, time scale and faults.
/// </summary>
internal sealed class TemporaryRigStation : IDisposable
{
    public TemporaryRigStation(int seed, double timeScale = 400, IEnumerable<string>? faults = null, IReadOnlyDictionary<string, string>? extraSequences = null)
    {
        Directory = System.IO.Directory.CreateTempSubdirectory("usochil-run-").FullName;
        EepromFile = Path.Combine(Directory, "emulator-state", $"furnace-em-unit-{seed}.eeprom.json");
        string repository = Sequencing.BenchRunner.FurnaceDirectory;
        string rigDirectory = Path.Combine(Directory, "rigs", "furnace-em");
        System.IO.Directory.CreateDirectory(Path.Combine(rigDirectory, "sequences"));
        File.Copy(Path.Combine(repository, "rig.json"), Path.Combine(rigDirectory, "rig.json"));
        foreach (string sequence in System.IO.Directory.GetFiles(Path.Combine(repository, "sequences"), "*.json"))
        {
            File.Copy(sequence, Path.Combine(rigDirectory, "sequences", Path.GetFileName(sequence)));
        }

        foreach (var (name, json) in extraSequences ?? new Dictionary<string, string>())
        {
            File.WriteAllText(Path.Combine(rigDirectory, "sequences", name + ".json"), json);
        }

        var station = new JsonObject
        {
            ["station"] = "test",
            ["results"] = "results.db",
            ["logging"] = new JsonObject { ["level"] = "Information", ["directory"] = "logs" },
            ["rigs"] = new JsonObject
            {
                ["furnace-em"] = new JsonObject
                {
                    ["emulated"] = true,
                    ["timeScale"] = timeScale,
                    ["seed"] = seed,
                    ["faults"] = new JsonArray((faults ?? []).Select(f => (JsonNode)JsonValue.Create(f)!).ToArray()),
                },
            },
        };
        File.WriteAllText(Path.Combine(Directory, "rig-config.json"), station.ToJsonString());
    }

    public string Directory { get; }

    public string TruthFile => Path.Combine(Directory, "truth.jsonl");

    /// <summary>Where the emulated unit keeps its EEPROM image (calibration and gains it stored) between runs.</summary>
    public string EepromFile { get; }

    /// <summary>Gives this station's unit the EEPROM of one prepared elsewhere (same seed: the same unit).</summary>
    public void InstallEeprom(string image)
    {
        System.IO.Directory.CreateDirectory(Path.GetDirectoryName(EepromFile)!);
        File.Copy(image, EepromFile, overwrite: true);
    }

    public CliRun Run(string sequence, params string[] extra) =>
        CliRun.Start(Directory, ["run", "furnace-em", sequence, "--yes", "--truth", TruthFile, .. extra]);

    private static readonly JsonSerializerOptions s_json = new(JsonSerializerDefaults.Web);

    /// <summary>The last truth line the emulator wrote.</summary>
    public TruthRecord FinalTruth() => JsonSerializer.Deserialize<TruthRecord>(File.ReadLines(TruthFile).Last(l => l.Length > 0), s_json)!;

    /// <summary>The run's structured log (CLEF), one JSON object per event.</summary>
    public IEnumerable<JsonObject> LogEvents() =>
        System.IO.Directory.GetFiles(Path.Combine(Directory, "logs"), "*.clef")
            .SelectMany(File.ReadLines)
            .Select(l => JsonNode.Parse(l)!.AsObject());

    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
