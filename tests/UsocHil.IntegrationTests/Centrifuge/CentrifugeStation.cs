using System.Text.Json;
using System.Text.Json.Nodes;

namespace UsocHil.IntegrationTests.Centrifuge;

/// <summary>
/// A throw-away station with the repository's centrifuge-em (rig.json, model.json, shipped sequences and any test
/// sequences) bound emulated with a unit seed and faults; runs go through the built CLI, and the model emulator's truth
/// file is read back as signals by name.
/// </summary>
internal sealed class CentrifugeStation : IDisposable
{
    public const string Rig = "centrifuge-em";

    /// <summary>The lid lock's interlock releases below this rotor speed (model.json's SAFE_RPM).</summary>
    public const double SafeRpm = 30;

    private CentrifugeStation(string directory, int seed, double timeScale)
    {
        Directory = directory;
        Seed = seed;
        TimeScale = timeScale;
    }

    public string Directory { get; }

    public int Seed { get; }

    /// <summary>Rig time per wall time of the emulated unit (50× unless a test needs a longer stretch of rig time).</summary>
    public double TimeScale { get; }

    public string StationFile => Path.Combine(Directory, "rig-config.json");

    public static CentrifugeStation Create(int seed, IEnumerable<string>? faults = null, IReadOnlyDictionary<string, string>? extraSequences = null, double timeScale = 50)
    {
        var station = new CentrifugeStation(TestDirectories.Create("centrifuge"), seed, timeScale);
        string rigDirectory = Path.Combine(station.Directory, "rigs", Rig);
        System.IO.Directory.CreateDirectory(Path.Combine(rigDirectory, "sequences"));
        foreach (string file in System.IO.Directory.GetFiles(RepositoryPaths.RigDirectory(Rig)))
        {
            File.Copy(file, Path.Combine(rigDirectory, Path.GetFileName(file)));
        }

        foreach (string sequence in System.IO.Directory.GetFiles(Path.Combine(RepositoryPaths.RigDirectory(Rig), "sequences"), "*.json"))
        {
            File.Copy(sequence, Path.Combine(rigDirectory, "sequences", Path.GetFileName(sequence)));
        }

        foreach (var (name, json) in extraSequences ?? new Dictionary<string, string>())
        {
            File.WriteAllText(Path.Combine(rigDirectory, "sequences", name + ".json"), json);
        }

        station.Bind(faults ?? []);
        return station;
    }

    /// <summary>Rebinds the same unit with other faults (its EEPROM stays).</summary>
    public void Bind(IEnumerable<string> faults)
    {
        var config = new JsonObject
        {
            ["station"] = "test",
            ["results"] = "results.db",
            ["logging"] = new JsonObject { ["level"] = "Information", ["directory"] = "logs" },
            ["rigs"] = new JsonObject
            {
                [Rig] = new JsonObject
                {
                    ["emulated"] = true,
                    ["timeScale"] = TimeScale,
                    ["seed"] = Seed,
                    ["faults"] = new JsonArray([.. faults.Select(f => (JsonNode)JsonValue.Create(f)!)]),
                },
            },
        };
        File.WriteAllText(StationFile, config.ToJsonString());
    }

    /// <summary>
    /// <c>usoc-hil emulate</c> for this unit in a process of its own at 50×, as a bench runs it beside the harness, with
    /// the station binding it printed.
    /// </summary>
    public async Task<(RunningCli Emulator, JsonObject Binding)> StartEmulatorAsync(CancellationToken cancellationToken)
    {
        RunningCli emulator = UsocHilProcess.Start(Directory,
            ["emulate", Rig, "--time-scale", "50", "--seed", Seed.ToString(System.Globalization.CultureInfo.InvariantCulture), "--truth", TruthFile("emulator")]);
        await emulator.Stdout.WaitForLineAsync(line => line == "}", cancellationToken);
        string text = emulator.Stdout.Text;
        JsonObject binding = JsonNode.Parse(text[text.IndexOf('{', text.IndexOf("Station binding", StringComparison.Ordinal))..])![Rig]!.AsObject();
        return (emulator, (JsonObject)binding.DeepClone());
    }

    /// <summary>Rewrites the station file binding the rig as hardware to <paramref name="binding"/>, its counter registered.</summary>
    public void BindAsHardware(JsonObject binding)
    {
        var config = new JsonObject
        {
            ["station"] = "bench",
            ["results"] = "results.db",
            ["logging"] = new JsonObject { ["level"] = "Information", ["directory"] = "logs" },
            ["rigs"] = new JsonObject { [Rig] = binding.DeepClone() },
            ["register"] = InstrumentRegister.InCalibration(Rig, "counter"),
        };
        File.WriteAllText(StationFile, config.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
    }

    public string TruthFile(string sequence) => Path.Combine(Directory, $"truth-{sequence}.jsonl");

    /// <summary><c>usoc-hil run centrifuge-em &lt;sequence&gt; --yes --truth truth-&lt;sequence&gt;.jsonl</c>.</summary>
    public RunningCli Run(string sequence) =>
        UsocHilProcess.Start(Directory, ["run", Rig, sequence, "--yes", "--truth", TruthFile(sequence)]);

    public async Task<(int Exit, string Output)> RunToEndAsync(string sequence, CancellationToken cancellationToken)
    {
        using RunningCli run = Run(sequence);
        int exit = (await run.WaitForExitAsync(cancellationToken)).ExitCode;
        return (exit, run.Output + run.Error);
    }

    /// <summary>The truth lines of a run: each the model's signals by name, plus SUPPLY_ON.</summary>
    public IReadOnlyList<Dictionary<string, double>> Truth(string sequence)
    {
        var records = new List<Dictionary<string, double>>();
        foreach (string line in File.ReadLines(TruthFile(sequence)).Where(l => l.EndsWith('}')))
        {
            JsonObject record = JsonNode.Parse(line)!.AsObject();
            var signals = record["signals"]!.AsObject().ToDictionary(kv => kv.Key, kv => kv.Value!.GetValue<double>());
            signals["SUPPLY_ON"] = record["supplyOutputOn"]!.GetValue<bool>() ? 1 : 0;
            records.Add(signals);
        }

        return records;
    }

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
