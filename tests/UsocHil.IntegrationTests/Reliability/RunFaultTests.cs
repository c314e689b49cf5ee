using System.Text.Json;

namespace UsocHil.IntegrationTests.Reliability;

/// <summary>
/// Faults during real runs: the built usoc-hil as a child process runs the shipped calibration on the emulated rig
/// (in-process emulator, real pty and sockets) with faults from the station binding, or is signalled mid-run. Each
/// asserts the stated outcome, no stack trace, and from the emulator's truth file that the heater and the supply are
/// off at the end.
/// </summary>
[NonParallelizable]
public sealed class RunFaultTests
{
    private const string Sequence = "calibrate-thermocouples";

    [Test]
    [CancelAfter(240_000)]
    public async Task Run_OnePercentCorruptionAndDrops_CompletesOrFailsCleanlyAndSafe(CancellationToken cancellationToken)
    {
        using var station = new RunStation(faults: ["corrupt=0.01", "drop=0.01"], timeScale: 400);

        CliProcessResult result = await station.RunAsync(cancellationToken);

        Assert.That(result.ExitCode, Is.AnyOf(0, 1, 3), result.Describe());
        Assert.That(result.All, Does.Not.Contain("   at "), "no stack trace");
        Assert.That(result.Stdout, Does.Contain("Run ended"), result.Describe());
        TruthState end = station.FinalTruth();
        Assert.That((end.HeaterOn, end.SupplyOn), Is.EqualTo((false, false)), "heater and supply off at the end\n" + result.Describe());
        string outcome = result.ExitCode == 0 ? "run passed: every verdict from intact frames only" : $"run failed cleanly (exit {result.ExitCode}): {result.LastLine("Run ended")}";
        if (result.Stdout.Contains("state PoweringUp -> Safing", StringComparison.Ordinal))
        {
            outcome += " (ended at power-up under load, not the whole calibration)";
        }

        ReliabilityRecord.Write("fault injection", "full calibrate-thermocouples run with 1% byte corruption + 1% byte drops on the serial payload link", 1,
            $"{outcome}; heater off, supply off in the truth file; no stack trace");
    }

    [TestCase("reboot-at=20min", "device reboot mid-sequence (volatile state lost)", new[] { 1, 3 }, "boot")]
    [TestCase("disconnect-at=20min", "payload link disconnected mid-step", new[] { 1, 3 }, "link")]
    [CancelAfter(240_000)]
    public async Task Run_InjectedFault_FailsNamingItAndEndsSafe(string fault, string what, int[] exitCodes, string named, CancellationToken cancellationToken)
    {
        using var station = new RunStation(faults: [fault], timeScale: 400);

        CliProcessResult result = await station.RunAsync(cancellationToken);

        Assert.That(result.ExitCode, Is.AnyOf(exitCodes.Cast<object>().ToArray()), result.Describe());
        Assert.That(result.All, Does.Not.Contain("   at "), "no stack trace");
        Assert.That(result.All, Does.Contain(named).IgnoreCase, result.Describe());
        TruthState end = station.FinalTruth();
        Assert.That((end.HeaterOn, end.SupplyOn), Is.EqualTo((false, false)), "heater and supply off at the end\n" + result.Describe());
        string reached = result.Stdout.Contains("state PoweringUp -> Safing", StringComparison.Ordinal)
            ? " (under load the run ended at power-up, before the fault was due: the fault itself was not exercised)"
            : "";
        ReliabilityRecord.Write("fault injection", $"{what} (`{fault}`) during calibrate-thermocouples", 1,
            $"exit {result.ExitCode}: {result.LastLine("Run ended")}{reached}; heater off, supply off in the truth file");
    }

    [TestCase("INT")]
    [TestCase("TERM")]
    [CancelAfter(120_000)]
    public async Task Run_OperatorSignal_SafesAndExits130(string signal, CancellationToken cancellationToken)
    {
        using var station = new RunStation(faults: [], timeScale: 50);

        CliProcessResult result = await station.RunAsync(cancellationToken, afterStart: async (process, output, ct) =>
        {
            await output.WaitForAsync("heater armed", ct);
            await CliChild.SignalAsync(process.Id, signal, ct);
        });

        Assert.That(result.ExitCode, Is.EqualTo(130), result.Describe());
        Assert.That(result.All, Does.Not.Contain("   at "));
        Assert.That(result.Stdout, Does.Contain("Aborted"), result.Describe());
        TruthState end = station.FinalTruth();
        Assert.That((end.HeaterOn, end.SupplyOn), Is.EqualTo((false, false)), "heater and supply off after the abort");
        ReliabilityRecord.Write("fault injection", $"operator SIG{signal} to the usoc-hil child process mid-run", 1,
            $"exit 130, run {result.LastLine("Run ended")}; heater off, supply off in the truth file");
    }

    private sealed record TruthState(bool HeaterOn, bool SupplyOn);

    /// <summary>A scratch station binding furnace-em to its in-process emulator with the given faults.</summary>
    private sealed class RunStation : IDisposable
    {
        private readonly string _directory = Path.Combine(Path.GetTempPath(), "usochil-run-" + Guid.NewGuid().ToString("N"));

        public RunStation(string[] faults, double timeScale)
        {
            string root = ReliabilityRecord.Root;
            Directory.CreateDirectory(_directory);
            string station = JsonSerializer.Serialize(new
            {
                station = "reliability",
                results = "results.db",
                rigsDirectory = Path.Combine(root, "rigs"),
                logging = new { level = "Information", directory = "logs" },
                rigs = new Dictionary<string, object> { ["furnace-em"] = new { emulated = true, timeScale, seed = 3, faults } },
            });
            File.WriteAllText(StationFile, station);
        }

        public string StationFile => Path.Combine(_directory, "rig-config.json");

        public string TruthFile => Path.Combine(_directory, "truth.jsonl");

        public Task<CliProcessResult> RunAsync(CancellationToken cancellationToken, Func<System.Diagnostics.Process, CliOutput, CancellationToken, Task>? afterStart = null) =>
            CliChild.RunAsync(_directory, ["--station", StationFile, "run", "furnace-em", Sequence, "--yes", "--truth", TruthFile], cancellationToken, afterStart);

        public TruthState FinalTruth()
        {
            string last = File.ReadLines(TruthFile).Last(l => l.Trim().Length > 0);
            using JsonDocument doc = JsonDocument.Parse(last);
            bool Flag(string name) => doc.RootElement.EnumerateObject().First(p => p.Name.Equals(name, StringComparison.OrdinalIgnoreCase)).Value.GetBoolean();
            return new TruthState(Flag("heaterOn"), Flag("supplyOutputOn"));
        }

        public void Dispose() => Directory.Delete(_directory, recursive: true);
    }
}
