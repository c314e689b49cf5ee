using Serilog;
using UsocHil.FirmwareSim.Faults;
using UsocHil.FirmwareSim.Furnace;
using UsocHil.FirmwareSim.Hosting;
using UsocHil.Rigs;
using UsocHil.Safing;
using UsocHil.Sequencing;
using UsocHil.Time;
using UsocHil.Description;

namespace UsocHil.IntegrationTests.Sequencing;

/// <summary>
/// Policy onLinkLoss = reconnect against the emulated furnace over TCP (real sockets, the harness' whole stack) and over
/// its serial pty (the device goes quiet, then speaks again; the harness reopens the tty): the emulator pulls its
/// payload cable as a soak step starts, the harness notices the silence, reconnects with backoff, checks the payload is
/// alive and repeats the soak; when the cable stays out (fault disconnect-at), the run fails into safing within its bound.
/// </summary>
[NonParallelizable]
public sealed class ReconnectRunTests
{
    // The harness notices silence after about 2 wall seconds (its transport floor), 200 s of rig time at 100x; the
    // outage must outlast that and end well within the payload's 600 s watchdog, or the heater is (rightly) off after.
    private const double Scale = 100;

    private static string Sequence(string name) => $$"""
        {
          "sequence": "{{name}}", "version": "1",
          "policy": { "onLinkLoss": "reconnect" },
          "powerUp": [
            { "kind": "power", "supply": "on", "lines": { "POWER_EN": true } },
            { "kind": "wait", "parameter": "MODE", "equals": "IDLE", "timeoutSeconds": 120 }
          ],
          "steps": [
            { "kind": "set", "parameters": { "PID_KP": 20, "PID_KI": 0.1, "PID_KD": 200, "RAMP_RATE": 60, "WATCHDOG_TIMEOUT": 600, "SETPOINT": 150 } },
            { "kind": "power", "lines": { "HEATER_ARM": true } },
            { "kind": "command", "command": "HEATER_ON" },
            { "kind": "wait", "label": "hot", "parameter": "CONTROL_TEMP", "above": 140, "timeoutSeconds": 1800 },
            { "kind": "wait", "label": "soak", "seconds": 300 },
            { "kind": "verify", "checks": [ { "check": "value", "parameter": "CONTROL_TEMP", "min": 130, "max": 170 } ] },
            { "kind": "command", "command": "HEATER_OFF" },
            { "kind": "power", "lines": { "HEATER_ARM": false } }
          ]
        }
        """;

    private static async Task<(RunResult Result, Recorder Observed, (bool Supply, bool PowerEnable, bool HeaterArm) End)> RunAsync(
        string transport, string[] faults, TimeSpan? pullCableAtSoakFor, ReconnectPolicy policy, CancellationToken cancellationToken)
    {
        ILogger log = TestLog.Silent;
        var time = new VirtualTimeProvider(TimeProvider.System, Scale);
        RigDefinition rig = TestRigs.Furnace();
        string directory = Directory.CreateTempSubdirectory("usochil-reconnect-").FullName;
        try
        {
            string file = Path.Combine(directory, "reconnect.json");
            await File.WriteAllTextAsync(file, Sequence("reconnect"), cancellationToken);
            SequencePlan plan = SequenceLoader.Load(file, rig);
            await using EmulatedFurnaceRig emulator = EmulatedFurnaceRig.Start(time, new EmulatedFurnaceRigOptions
            {
                PayloadTransport = transport,
                TimeScale = Scale,
                Bench = new FurnaceBenchOptions { Faults = FaultPlan.Parse(faults) },
            }, log);
            var observer = new Recorder();
            int soaks = 0;
            observer.Started = step =>
            {
                if (step.Label == "soak" && Interlocked.Increment(ref soaks) == 1 && pullCableAtSoakFor is { } outage)
                {
                    emulator.DisconnectPayload(outage);
                }
            };
            var run = new SequenceRun(plan, rig, async ct => (IRigSession)await RigSessionFactory.OpenAsync(rig, emulator.Binding, time, Scale, log, ct),
                new RunOptions { AssumeYes = true, StepTimeoutFloor = RunOptions.StepTimeoutFloorFor(Scale), Reconnect = policy }, observer, time, new RigSafing(TimeProvider.System, log), log);

            RunResult result = await run.RunAsync(cancellationToken);

            var end = emulator.Bench.Run(b => (b.Supply.OutputOn, b.PowerEnable, b.HeaterArm));
            return (result, observer, end);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [TestCase("tcp")]
    [TestCase("serial")]
    [CancelAfter(90_000)]
    public async Task Run_CableOutForAWhileMidStep_ReconnectsRepeatsTheStepAndPasses(string transport, CancellationToken cancellationToken)
    {
        var (result, observed, end) = await RunAsync(transport, [], TimeSpan.FromSeconds(400), new ReconnectPolicy(), cancellationToken);

        string record = string.Join("\n", observed.Transitions.Select(t => $"{t.Source} -> {t.Destination} on {t.Trigger}: {t.Reason}"));
        Assert.That(result.Outcome, Is.EqualTo(RunOutcome.Passed), $"{result.FinalState} {result.Cause}: {result.Reason}\n{record}");
        RunTransition lost = observed.Transitions.Single(t => t.Destination == RunState.Reconnecting);
        RunTransition back = observed.Transitions.Single(t => t.Source == RunState.Reconnecting);
        Assert.That((lost.Source, lost.Trigger), Is.EqualTo((RunState.Executing, RunTrigger.LinkLost)));
        Assert.That((back.Destination, back.Trigger), Is.EqualTo((RunState.Executing, RunTrigger.Reconnected)));
        Assert.That(back.RigTime - lost.RigTime, Is.GreaterThan(TimeSpan.FromSeconds(100)), "the payload was gone for a while");

        // The soak the cable was pulled under was cancelled, then run again from its start and passed.
        Assert.That(observed.Events.Select(e => e.Message), Has.Some.Contains("payload link lost during step 5: reconnecting"));
        Assert.That(back.Reason, Does.Contain("payload alive: repeating step 5"));
        Assert.That(observed.Finished.Where(f => f.Path == "5").Select(f => f.Status), Is.EqualTo(new[] { StepStatus.Cancelled, StepStatus.Passed }));
        Assert.That(result.Measurements.Single(m => m.Name == "CONTROL_TEMP").Verdict, Is.EqualTo(UsocHil.Expectations.Verdict.Pass));
        Assert.That(end, Is.EqualTo((false, false, false)), "supply off, lines released after the run");
    }

    [Test]
    [CancelAfter(90_000)]
    public async Task Run_CableOutForGood_GivesUpWithinItsBoundAndSafes(CancellationToken cancellationToken)
    {
        var policy = new ReconnectPolicy { MaxAttempts = 3, FirstDelay = TimeSpan.FromMilliseconds(200), AttemptTimeout = TimeSpan.FromSeconds(1) };

        var (result, observed, end) = await RunAsync("tcp", ["disconnect-at=250s"], null, policy, cancellationToken);

        Assert.That(result.FinalState, Is.EqualTo(RunState.Failed));
        Assert.That(result.Outcome, Is.EqualTo(RunOutcome.LinkLost));
        Assert.That(result.Cause, Is.EqualTo(RunTrigger.ReconnectFailed));
        Assert.That(result.Reason, Does.Contain("not back after 3 reconnect attempts"));
        Assert.That(observed.Transitions.Select(t => t.Destination).TakeLast(3), Is.EqualTo(new[] { RunState.Reconnecting, RunState.Safing, RunState.Failed }));
        Assert.That(end, Is.EqualTo((false, false, false)), "safed over GPIO and the supply with the payload unreachable");
    }

    private sealed class Recorder : IRunObserver
    {
        public System.Collections.Concurrent.ConcurrentQueue<RunTransition> Transitions { get; } = new();
        public System.Collections.Concurrent.ConcurrentQueue<RunEvent> Events { get; } = new();
        public System.Collections.Concurrent.ConcurrentQueue<(string Path, StepStatus Status)> Finished { get; } = new();

        public Action<StepProgress>? Started { get; set; }

        public void OnStepStarted(StepProgress step) => Started?.Invoke(step);

        public void OnStepFinished(StepProgress step, StepStatus status, string? detail) => Finished.Enqueue((step.Path, status));

        public void OnTransition(RunTransition transition) => Transitions.Enqueue(transition);

        public void OnEvent(RunEvent runEvent) => Events.Enqueue(runEvent);
    }
}
