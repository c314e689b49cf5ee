using System.Security.Cryptography;
using System.Text;
using UsocHil.Expectations;
using UsocHil.Results;
using UsocHil.Description;

namespace UsocHil.Cli.Results;

/// <summary>What the sample run should contain.</summary>
internal sealed record SampleRunOptions
{
    public int Seed { get; init; } = 1;

    /// <summary>Thermocouple 2 stuck: its fit and the agreement expectation fail.</summary>
    public bool StuckSensor { get; init; }

    /// <summary>Text as a device might send it, placed in the unit serial, an event's name and data, and a step message.</summary>
    public string? DeviceText { get; init; }

    /// <summary>Called with each measurement's name once it is durable in the archive (the recorder is flushed first).</summary>
    public Func<string, CancellationToken, Task>? Recorded { get; init; }
}

/// <summary>
/// Records a thermocouple calibration of the furnace, as the sequence engine would, through the recorder API: sweeps four
/// setpoints with telemetry every 2 s of rig time, samples raw readings against the reference, fits each thermocouple,
/// verifies at a fifth point, and evaluates the rig's limits, agreement, dynamics and command timing. For tests, reports
/// and demonstrations; the data come from <see cref="SampleFurnace"/>, not a rig.
/// </summary>
internal sealed partial class SampleFurnaceRun
{
    private const double TickSeconds = 2;
    private static readonly string[] Thermocouples = ["TC1_TEMP", "TC2_TEMP", "TC3_TEMP"];
    private static readonly string[] Traced = [.. Thermocouples, "CONTROL_TEMP", "HEATER_POWER", "SETPOINT"];

    private readonly RigDefinition _rig;
    private readonly SampleRunOptions _options;
    private readonly SampleFurnace _furnace;
    private readonly SteppedClock _clock = new(new DateTimeOffset(2026, 11, 25, 8, 0, 0, TimeSpan.Zero));
    private readonly Dictionary<string, List<Sample>> _series = Traced.ToDictionary(p => p, _ => new List<Sample>());
    private readonly List<JudgedResult> _verdicts = [];
    private readonly LimitMonitor _monitor;
    private double[][]? _onboard;
    private RunRecorder _run = null!;
    private CancellationToken _cancellation;
    private int _stepIndex;
    private int _calibratedFrom;

    private SampleFurnaceRun(RigDefinition rig, SampleRunOptions options)
    {
        _rig = rig;
        _options = options;
        _furnace = new SampleFurnace(options.Seed, options.StuckSensor);
        _monitor = new LimitMonitor(rig.Limits);
    }

    public static async Task<long> RecordAsync(ResultsArchive archive, RigDefinition rig, SampleRunOptions options, CancellationToken cancellationToken)
    {
        var sample = new SampleFurnaceRun(rig, options) { _cancellation = cancellationToken };
        var header = new RunHeader
        {
            Rig = rig.Name,
            UnitSerial = options.DeviceText ?? $"EM-{options.Seed:D4}",
            Sequence = "calibrate-thermocouples",
            SequenceSha256 = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("calibrate-thermocouples sample"))),
            StationSha256 = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("sample station"))),
            SoftwareVersion = typeof(SampleFurnaceRun).Assembly.GetName().Version?.ToString(),
            Operator = "sample",
        };
        await using RunRecorder run = await archive.BeginRunAsync(header, sample._clock, cancellationToken);
        sample._run = run;
        ArchivedOutcome outcome = await sample.ExecuteAsync();
        await run.FinishAsync(outcome, cancellationToken);
        return run.RunId;
    }

    private async Task<ArchivedOutcome> ExecuteAsync()
    {
        await Transition("Idle", "Connecting", "Start");
        await Transition("Connecting", "PoweringUp", "Connected");
        await StepAsync("power-up", "power", async () =>
        {
            await _run.RecordEventAsync(_clock.GetUtcNow(), 1, _options.DeviceText ?? "BOOT_COMPLETE", "info", _options.DeviceText, _cancellation);
            await CommandAsync("ENABLE_HOUSEKEEPING", 3, 5, 0.12, 0.31);
            return null;
        });
        await Transition("PoweringUp", "SelfTest", "PoweredUp");
        await CommandAsync("ARE_YOU_ALIVE", 17, 1, 0.08, 0.19);
        await Transition("SelfTest", "Executing", "SelfTestPassed");

        var points = Thermocouples.Select(_ => new List<(double Raw, double Reference)>()).ToArray();
        foreach (double setpoint in new[] { 200.0, 400, 600, 800 })
        {
            await CommandAsync("SET_PARAMETERS", 20, 3, 0.1, 0.4);
            List<Sample> response = await StepAsync($"settle at {setpoint} degC", "wait", () => Task.FromResult<string?>(null), setpoint);
            if (setpoint == 600)
            {
                var dynamics = new StepResponseExpectation(_rig.Expectations!.Dynamics!) { RampWindowSeconds = 60 };
                foreach (JudgedResult r in dynamics.Evaluate(response, setpoint))
                {
                    await VerdictAsync(r);
                }
            }

            await StepAsync($"sample at {setpoint} degC", "sample", async () =>
            {
                for (int k = 0; k < 10; k++)
                {
                    await TickAsync();
                    double reference = _furnace.Reference();
                    for (int s = 0; s < 3; s++)
                    {
                        points[s].Add((_furnace.Raw(s), reference));
                    }
                }

                await ValueAsync($"reference mean at {setpoint} degC", points[0].TakeLast(10).Average(p => p.Reference), "degC");
                return null;
            });
        }

        await StepAsync("fit thermocouples", "fit", async () =>
        {
            _onboard = new double[3][];
            for (int s = 0; s < 3; s++)
            {
                _onboard[s] = await FitAsync(Thermocouples[s], points[s]);
            }

            return _options.DeviceText is null ? null : $"device said {_options.DeviceText}";
        });
        await StepAsync("upload coefficients", "upload", () =>
        {
            _calibratedFrom = _series["TC1_TEMP"].Count;
            return Task.FromResult<string?>(null);
        });
        await Transition("Executing", "Verifying", "StepsCompleted");
        await StepAsync("verify at 500 degC", "verify", VerifyAsync, 500);
        await EvaluateRunExpectationsAsync();
        await Transition("Verifying", "Safing", "Verified");
        await StepAsync("power-down", "power", () => { _furnace.Setpoint = 25; return Task.FromResult<string?>(null); });
        bool failed = _verdicts.Any(v => v.Verdict == Verdict.Fail);
        await Transition("Safing", failed ? "Failed" : "Completed", "Safed");
        return failed ? ArchivedOutcome.Failed : ArchivedOutcome.Passed;
    }
}
