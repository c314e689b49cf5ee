using System.Text.Json;
using UsocHil.FirmwareSim.Truth;

namespace UsocHil.IntegrationTests.Runs;

/// <summary>
/// Every way a run can end early, through the built CLI against the emulated furnace while it is heating: the
/// emulator's truth must show the heater off, the supply off and the controller unpowered afterwards.
/// </summary>
public sealed class AbortPathTests
{
    private const string Prelude = """
        "powerUp": [
          { "kind": "power", "supply": "on", "lines": { "POWER_EN": true } },
          { "kind": "wait", "parameter": "MODE", "equals": "IDLE", "timeoutSeconds": 120 }
        ],
        "steps": [
          { "kind": "set", "parameters": { "PID_KP": 20, "PID_KI": 0.1, "PID_KD": 200, "RAMP_RATE": 60, "WATCHDOG_TIMEOUT": 600, "SETPOINT": 400 } },
          { "kind": "power", "lines": { "HEATER_ARM": true } },
          { "kind": "command", "command": "HEATER_ON" },
          { "kind": "wait", "label": "heating", "parameter": "CONTROL_TEMP", "above": 60, "timeoutSeconds": 600 },
        """;

    private static string Sequence(string name, string tail) =>
        $$"""{ "sequence": "{{name}}", "version": "1", {{Prelude}} {{tail}} ] }""";

    private static void AssertSafe(TemporaryStation station)
    {
        var lines = File.ReadLines(station.TruthFile).Where(l => l.Length > 0)
            .Select(l => JsonSerializer.Deserialize<TruthRecord>(l, new JsonSerializerOptions(JsonSerializerDefaults.Web))!).ToList();
        Assert.That(lines.Any(t => t.HeaterOn), Is.True, "the heater never ran, so the test proves nothing");
        TruthRecord last = lines[^1];
        Assert.That(last.HeaterOn, Is.False, "heater still on");
        Assert.That(last.SupplyOutputOn, Is.False, "supply still on");
        Assert.That(last.PowerEnable, Is.False, "POWER_EN still asserted");
    }

    private static async Task<(int Exit, RunningCli Run)> RunAsync(TemporaryStation station, string sequence, CancellationToken cancellationToken)
    {
        RunningCli run = station.Run(sequence);
        return ((await run.WaitForExitAsync(cancellationToken)).ExitCode, run);
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task Run_StepFails_SafesTheHeatingFurnaceAndExits1(CancellationToken cancellationToken)
    {
        using var station = TemporaryStation.EmulatedFurnace(1, extraSequences: new Dictionary<string, string>
        {
            ["fail-step"] = Sequence("fail-step", """{ "kind": "sweep", "variable": "x", "values": [ 5000 ], "steps": [ { "kind": "set", "parameters": { "SETPOINT": "$x" } } ] }"""),
        });

        var (exit, run) = await RunAsync(station, "fail-step", cancellationToken);
        using (run)
        {
            Assert.That(exit, Is.EqualTo(1), run.Output + run.Error);
            Assert.That(run.Output, Does.Contain("Safing (StepFailed)").And.Contain("out of its range"));
            AssertSafe(station);
        }
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task Run_WaitTimesOut_SafesAndExits1(CancellationToken cancellationToken)
    {
        using var station = TemporaryStation.EmulatedFurnace(2, extraSequences: new Dictionary<string, string>
        {
            ["time-out"] = Sequence("time-out", """{ "kind": "wait", "parameter": "CONTROL_TEMP", "above": 999, "timeoutSeconds": 60 }"""),
        });

        var (exit, run) = await RunAsync(station, "time-out", cancellationToken);
        using (run)
        {
            Assert.That(exit, Is.EqualTo(1), run.Output + run.Error);
            Assert.That(run.Output, Does.Contain("Safing (Timeout)"));
            AssertSafe(station);
        }
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task Run_PayloadLinkLost_SafesOverGpioAndSupplyAndExits3(CancellationToken cancellationToken)
    {
        using var station = TemporaryStation.EmulatedFurnace(3, faults: ["disconnect-at=1500s"], extraSequences: new Dictionary<string, string>
        {
            ["link-loss"] = Sequence("link-loss", """{ "kind": "wait", "parameter": "CONTROL_TEMP", "above": 999, "timeoutSeconds": 5400 }"""),
        });

        var (exit, run) = await RunAsync(station, "link-loss", cancellationToken);
        using (run)
        {
            Assert.That(exit, Is.EqualTo(3), run.Output + run.Error);
            Assert.That(run.Output, Does.Contain("Safing (LinkLost)"));
            AssertSafe(station);
        }
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task Run_RedLimit_SafesAndExits1NamingTheParameter(CancellationToken cancellationToken)
    {
        using var station = TemporaryStation.EmulatedFurnace(4, extraSequences: new Dictionary<string, string>
        {
            ["red-limit"] = Sequence("red-limit", """
                { "kind": "set", "parameters": { "TC1_C0": 1000 } },
                { "kind": "wait", "parameter": "CONTROL_TEMP", "above": 999, "timeoutSeconds": 5400 }
                """),
        });

        var (exit, run) = await RunAsync(station, "red-limit", cancellationToken);
        using (run)
        {
            Assert.That(exit, Is.EqualTo(1), run.Output + run.Error);
            Assert.That(run.Output, Does.Contain("Safing (HardLimitViolated)").And.Contain("TC1_TEMP"));
            AssertSafe(station);
        }
    }

    [TestCase(2, "SIGINT")]
    [TestCase(15, "SIGTERM")]
    [CancelAfter(60_000)]
    public async Task Run_Signalled_SafesMarksAbortedAndExits130(int signal, string name, CancellationToken cancellationToken)
    {
        using var station = TemporaryStation.EmulatedFurnace(5);
        using RunningCli run = station.Run("calibrate-thermocouples");
        await run.WaitForOutputAsync("step 4.1.3 wait", cancellationToken);

        run.Signal(signal);
        int exit = (await run.WaitForExitAsync(cancellationToken)).ExitCode;

        Assert.That(exit, Is.EqualTo(130), run.Output + run.Error);
        Assert.That(run.Output, Does.Contain("Safing (OperatorAbort)").And.Contain("Run ended Aborted"));
        Assert.That(run.Error, Does.Contain(name));
        AssertSafe(station);
    }
}
