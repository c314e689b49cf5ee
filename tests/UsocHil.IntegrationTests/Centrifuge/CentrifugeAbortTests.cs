namespace UsocHil.IntegrationTests.Centrifuge;

/// <summary>
/// Every way a centrifuge run can end early while the rotor spins at 3000 rpm, through the built CLI: safing runs the
/// rotor down with the brake, and the truth must show the drive off and the rotor below the safe speed before the
/// lid lock ever lets go, the supply off at the end.
/// </summary>
public sealed class CentrifugeAbortTests
{
    private const string Spinning = """
        "powerUp": [
          { "kind": "power", "supply": "on" },
          { "kind": "wait", "parameter": "MODE", "equals": "IDLE", "timeoutSeconds": 60 }
        ],
        "steps": [
          { "kind": "set", "parameters": { "RAMP_RATE": 300, "WATCHDOG_TIMEOUT": 60, "SPEED_SETPOINT": 3000 } },
          { "kind": "power", "lines": { "LID_LOCK": true, "MOTOR_EN": true } },
          { "kind": "wait", "parameter": "LID_LOCKED", "equals": "LOCKED", "timeoutSeconds": 10 },
          { "kind": "command", "command": "MOTOR_START" },
          { "kind": "wait", "label": "spinning", "parameter": "SPEED_RPM", "above": 2900, "timeoutSeconds": 60 },
        """;

    private static string Sequence(string name, string tail) => $$"""{ "sequence": "{{name}}", "version": "1", {{Spinning}} {{tail}} ] }""";

    /// <summary>The drive ran; it is off and the rotor is below the safe speed wherever the lid is unlocked after that.</summary>
    private static void AssertRunDownBeforeUnlock(CentrifugeStation station, string sequence, bool rotorStopped)
    {
        var truth = station.Truth(sequence);
        int lastDriven = truth.ToList().FindLastIndex(t => t["DRIVE_ON"] == 1);
        Assert.That(lastDriven, Is.GreaterThanOrEqualTo(0), "the motor never ran, so the test proves nothing");
        Assert.That(truth.Take(lastDriven + 1).Max(t => t["ROTOR_RPM"]), Is.GreaterThan(2500), "the rotor never got up to speed");
        foreach (var t in truth.Skip(lastDriven + 1).Where(t => t["LOCK_ENGAGED"] == 0))
        {
            Assert.That(t["DRIVE_ON"], Is.Zero, $"drive on with the lid unlocked at rig second {t["t"]}");
            Assert.That(t["ROTOR_RPM"], Is.LessThanOrEqualTo(CentrifugeStation.SafeRpm), $"lid unlocked with the rotor at {t["ROTOR_RPM"]} rpm at rig second {t["t"]}");
        }

        var last = truth[^1];
        Assert.That(last["DRIVE_ON"], Is.Zero, "drive still on");
        Assert.That(last["MOTOR_EN"], Is.Zero, "MOTOR_EN still asserted");
        Assert.That(last["SUPPLY_ON"], Is.Zero, "supply still on");
        if (rotorStopped)
        {
            Assert.That(last["ROTOR_RPM"], Is.LessThanOrEqualTo(CentrifugeStation.SafeRpm), "rotor still spinning at the end");
            Assert.That(last["BRAKE_ON"], Is.EqualTo(1), "brake off at the end");
        }
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task Run_StepFailsAtSpeed_RunsDownBeforeTheLidUnlocksAndExits1(CancellationToken cancellationToken)
    {
        using var station = CentrifugeStation.Create(1, extraSequences: new Dictionary<string, string>
        {
            ["fail-step"] = Sequence("fail-step", """{ "kind": "sweep", "variable": "x", "values": [ 5000 ], "steps": [ { "kind": "set", "parameters": { "SPEED_SETPOINT": "$x" } } ] }"""),
        });

        var (exit, output) = await station.RunToEndAsync("fail-step", cancellationToken);

        Assert.That(exit, Is.EqualTo(1), output);
        Assert.That(output, Does.Contain("Safing (StepFailed)").And.Contain("command MOTOR_STOP: done"));
        AssertRunDownBeforeUnlock(station, "fail-step", rotorStopped: true);
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task Run_WaitTimesOutAtSpeed_RunsDownBeforeTheLidUnlocks(CancellationToken cancellationToken)
    {
        using var station = CentrifugeStation.Create(2, extraSequences: new Dictionary<string, string>
        {
            ["time-out"] = Sequence("time-out", """{ "kind": "wait", "parameter": "SPEED_RPM", "above": 3100, "timeoutSeconds": 20 }"""),
        });

        var (exit, output) = await station.RunToEndAsync("time-out", cancellationToken);

        Assert.That(exit, Is.EqualTo(1), output);
        Assert.That(output, Does.Contain("Safing (Timeout)"));
        AssertRunDownBeforeUnlock(station, "time-out", rotorStopped: true);
    }

    [TestCase(2, "SIGINT")]
    [TestCase(15, "SIGTERM")]
    [CancelAfter(60_000)]
    public async Task Run_SignalledAtSpeed_RunsDownBeforeTheLidUnlocksAndExits130(int signal, string name, CancellationToken cancellationToken)
    {
        using var station = CentrifugeStation.Create(3, extraSequences: new Dictionary<string, string>
        {
            ["hold"] = Sequence("hold", """{ "kind": "wait", "label": "holding", "seconds": 600 }"""),
        });
        using RunningCli run = station.Run("hold");
        await run.WaitForOutputAsync("wait: holding", cancellationToken);

        run.Signal(signal);
        int exit = (await run.WaitForExitAsync(cancellationToken)).ExitCode;

        Assert.That(exit, Is.EqualTo(130), run.Output + run.Error);
        Assert.That(run.Output, Does.Contain("Safing (OperatorAbort)"));
        Assert.That(run.Error, Does.Contain(name));
        AssertRunDownBeforeUnlock(station, "hold", rotorStopped: true);
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task Run_LidOpensAtSpeed_PayloadTripsARunDownAndTheRunSafes(CancellationToken cancellationToken)
    {
        using var station = CentrifugeStation.Create(4, faults: ["signal=LID_OPEN:1@ROTOR_RPM>2900"], extraSequences: new Dictionary<string, string>
        {
            ["hold"] = Sequence("hold", """{ "kind": "wait", "label": "holding at speed", "parameter": "MOTOR_ENABLED", "equals": "OFF", "timeoutSeconds": 120 }, { "kind": "verify", "checks": [ { "check": "value", "parameter": "FAULT_FLAGS", "max": 0 } ] }"""),
        });

        var (exit, output) = await station.RunToEndAsync("hold", cancellationToken);

        Assert.That(exit, Is.EqualTo(1), output);
        Assert.That(output, Does.Contain("LID_OPENED_AT_SPEED"));
        AssertRunDownBeforeUnlock(station, "hold", rotorStopped: true);
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task Run_LinkLostAtSpeed_DriveOffAndTheLidStaysLockedWhileTheRotorSpins(CancellationToken cancellationToken)
    {
        using var station = CentrifugeStation.Create(5, faults: ["disconnect-at=60s"], extraSequences: new Dictionary<string, string>
        {
            ["hold"] = Sequence("hold", """{ "kind": "wait", "label": "holding", "seconds": 600 }"""),
        });

        var (exit, output) = await station.RunToEndAsync("hold", cancellationToken);

        Assert.That(exit, Is.Not.Zero, output);
        Assert.That(output, Does.Contain("Safing"));

        // No payload command gets through: the brake comes on with MOTOR_EN released and the supply off; the run may
        // end before the rotor has stopped, but never with the lid unlocked above the safe speed.
        AssertRunDownBeforeUnlock(station, "hold", rotorStopped: false);
    }
}
