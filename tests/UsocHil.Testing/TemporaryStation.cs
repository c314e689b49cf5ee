using System.Text.Json;
using System.Text.Json.Nodes;
using UsocHil.FirmwareSim.Truth;

namespace UsocHil.Testing;

/// <summary>
/// A throw-away station in a temporary folder, deleted on dispose: either a copy of the shipped station and rigs (to
/// break on purpose), or the repository's furnace rig with its shipped sequences (plus any test sequences) bound to its
/// emulator with a given unit seed, time scale and faults (to run).
/// </summary>
public sealed class TemporaryStation : IDisposable
{
    private static readonly JsonSerializerOptions s_json = new(JsonSerializerDefaults.Web);

    private TemporaryStation(string purpose)
    {
        Directory = TestDirectories.Create(purpose);
    }

    public string Directory { get; }

    public string StationFile => Path.Combine(Directory, "rig-config.json");

    public string TruthFile => Path.Combine(Directory, "truth.jsonl");

    /// <summary>Where the emulated unit keeps its EEPROM image (calibration and gains it stored) between runs.</summary>
    public string EepromFile => Path.Combine(Directory, "emulator-state", $"{TestRigs.FurnaceName}-unit-{Seed}.eeprom.json");

    /// <summary>The emulated unit's seed (its serial number); 0 for a copy of the shipped station.</summary>
    public int Seed { get; private init; }

    /// <summary>A copy of the shipped rig-config.json and every rig under rigs/.</summary>
    public static TemporaryStation CopyOfShipped()
    {
        var station = new TemporaryStation("station");
        CopyTree(RepositoryPaths.Rigs, Path.Combine(station.Directory, "rigs"));
        File.Copy(RepositoryPaths.StationFile, station.StationFile);
        return station;
    }

    /// <summary>
    /// furnace-em (its rig.json and the files beside it, such as its model.json) and its shipped sequences (plus
    /// <paramref name="extraSequences"/>, name to JSON), emulated by the emulator rig.json names or by <paramref name="emulator"/>.
    /// </summary>
    public static TemporaryStation EmulatedFurnace(int seed, double timeScale = 400, IEnumerable<string>? faults = null,
        IReadOnlyDictionary<string, string>? extraSequences = null, string? emulator = null)
    {
        var station = new TemporaryStation("run") { Seed = seed };
        string rigDirectory = station.RigDirectory(TestRigs.FurnaceName);
        System.IO.Directory.CreateDirectory(Path.Combine(rigDirectory, "sequences"));
        foreach (string file in System.IO.Directory.GetFiles(TestRigs.FurnaceDirectory))
        {
            File.Copy(file, Path.Combine(rigDirectory, Path.GetFileName(file)));
        }

        foreach (string sequence in System.IO.Directory.GetFiles(Path.Combine(TestRigs.FurnaceDirectory, "sequences"), "*.json"))
        {
            File.Copy(sequence, Path.Combine(rigDirectory, "sequences", Path.GetFileName(sequence)));
        }

        foreach (var (name, json) in extraSequences ?? new Dictionary<string, string>())
        {
            File.WriteAllText(Path.Combine(rigDirectory, "sequences", name + ".json"), json);
        }

        var binding = new JsonObject
        {
            ["station"] = "test",
            ["results"] = "results.db",
            ["logging"] = new JsonObject { ["level"] = "Information", ["directory"] = "logs" },
            ["rigs"] = new JsonObject
            {
                [TestRigs.FurnaceName] = new JsonObject
                {
                    ["emulated"] = true,
                    ["timeScale"] = timeScale,
                    ["seed"] = seed,
                    ["faults"] = new JsonArray((faults ?? []).Select(f => (JsonNode)JsonValue.Create(f)!).ToArray()),
                },
            },
        };
        if (emulator is not null)
        {
            binding["rigs"]![TestRigs.FurnaceName]!["emulator"] = emulator;
        }

        File.WriteAllText(station.StationFile, binding.ToJsonString());
        return station;
    }

    /// <summary>Changes the station file (its name, its central archive, ...).</summary>
    public void Configure(Action<JsonObject> change)
    {
        ArgumentNullException.ThrowIfNull(change);
        JsonObject station = JsonNode.Parse(File.ReadAllText(StationFile))!.AsObject();
        change(station);
        File.WriteAllText(StationFile, station.ToJsonString());
    }

    public string RigDirectory(string rig) => Path.Combine(Directory, "rigs", rig);

    public string RigFile(string rig) => Path.Combine(RigDirectory(rig), "rig.json");

    /// <summary>Gives this station's unit the EEPROM of one prepared elsewhere (same seed: the same unit).</summary>
    public void InstallEeprom(string image)
    {
        System.IO.Directory.CreateDirectory(Path.GetDirectoryName(EepromFile)!);
        File.Copy(image, EepromFile, overwrite: true);
    }

    /// <summary><c>usoc-hil run furnace-em &lt;sequence&gt; --yes --truth truth.jsonl</c> in this station's folder.</summary>
    public RunningCli Run(string sequence, params string[] extra) =>
        UsocHilProcess.Start(Directory, ["run", TestRigs.FurnaceName, sequence, "--yes", "--truth", TruthFile, .. extra]);

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

    private static void CopyTree(string from, string to)
    {
        System.IO.Directory.CreateDirectory(to);
        foreach (string file in System.IO.Directory.GetFiles(from))
        {
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        }

        foreach (string dir in System.IO.Directory.GetDirectories(from))
        {
            CopyTree(dir, Path.Combine(to, Path.GetFileName(dir)));
        }
    }
}
