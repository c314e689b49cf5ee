using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using UsocHil.IntegrationTests.Support;

namespace UsocHil.IntegrationTests.Centrifuge;

/// <summary>
/// The centrifuge emulated in a process of its own (<c>usoc-hil emulate</c>) and bound as hardware, as on a bench:
/// while the harness spins it, Debian's <c>pigs</c> reads the interlock lines over the pigpiod socket interface and
/// sees the motor enabled only with the lid closed and locked; after the run the motor line is off.
/// </summary>
public sealed class CentrifugeOutsideClientTests
{
    [Test]
    [CancelAfter(600_000)]
    public async Task Pigs_DuringACalibrationRun_ReadsTheMotorEnabledOnlyWithTheLidClosedAndLocked(CancellationToken ct)
    {
        using var station = CentrifugeStation.Create(1);
        (RunningCli emulator, JsonObject binding) = await station.StartEmulatorAsync(ct);
        await using RunningCli emulatorProcess = emulator;
        int port = binding["gpio"]!["port"]!.GetValue<int>();
        station.BindAsHardware(binding);

        using RunningCli run = UsocHilProcess.Start(station.Directory, ["run", CentrifugeStation.Rig, "calibrate-tachometer", "--yes"]);
        var seen = new List<(int Motor, int Lock, int Closed)>();
        while (!run.Process.HasExited && seen.Count(s => s.Motor == 1) < 5)
        {
            seen.Add((await PigsReadAsync(port, 17, ct), await PigsReadAsync(port, 27, ct), await PigsReadAsync(port, 22, ct)));
            await Task.Delay(100, ct);
        }

        CliProcessResult result = await run.WaitForExitAsync(ct);
        Assert.That(seen.Count(s => s.Motor == 1), Is.GreaterThanOrEqualTo(5), "pigs saw MOTOR_EN high while the rotor was driven\n" + result.Describe());
        Assert.That(seen.Where(s => s.Motor == 1), Is.All.EqualTo((1, 1, 1)), "motor enabled only with LID_LOCK and LID_CLOSED high");
        Assert.That(result.ExitCode, Is.Zero, result.Describe());
        Assert.That(await PigsReadAsync(port, 17, ct), Is.Zero, "MOTOR_EN low after the run");
    }

    private static async Task<int> PigsReadAsync(int port, int pin, CancellationToken ct)
    {
        var environment = new Dictionary<string, string>
        {
            ["PIGPIO_ADDR"] = "127.0.0.1",
            ["PIGPIO_PORT"] = port.ToString(CultureInfo.InvariantCulture),
        };
        (int exit, string output, string error) = await PythonProcess.RunAsync("pigs", ["r", pin.ToString(CultureInfo.InvariantCulture)], environment, ct);
        Assert.That(exit, Is.Zero, $"pigs r {pin}: {error}");
        return int.Parse(output.Trim(), CultureInfo.InvariantCulture);
    }
}
