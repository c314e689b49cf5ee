using System.Globalization;
using Microsoft.Extensions.Time.Testing;
using UsocHil.FirmwareSim.Furnace;
using UsocHil.FirmwareSim.Hosting;
using UsocHil.IntegrationTests.Support;

namespace UsocHil.IntegrationTests.FirmwareSim;

/// <summary>The furnace's discrete lines driven by Debian's pigs over the pigpiod socket interface, on a fake clock.</summary>
public sealed class FurnacePigsTests
{
    [Test]
    [CancelAfter(30_000)]
    public async Task Pigs_PowerEnableHigh_BootsFurnaceAndFaultLineFollowsOverTemperature(CancellationToken cancellationToken)
    {
        var time = new FakeTimeProvider();
        var options = new EmulatedFurnaceRigOptions { Bench = new FurnaceBenchOptions { SerialNumber = 5, TickPeriod = TimeSpan.FromSeconds(1) } };
        await using EmulatedFurnaceRig rig = EmulatedFurnaceRig.Start(time, options, TestLog.Silent);
        int port = rig.Endpoints.GpioPort!.Value;
        Assert.That(rig.Endpoints.Pins, Is.EqualTo(new Dictionary<string, int> { ["POWER_EN"] = 17, ["HEATER_ARM"] = 27, ["FAULT_N"] = 22 }));
        rig.Supply.Execute("VOLT 28;CURR 25;OUTP ON");

        Assert.That(await PigsAsync(port, cancellationToken, "w", "17", "1"), Is.Empty);
        Assert.That(await PigsAsync(port, cancellationToken, "w", "27", "1"), Is.Empty);
        Advance(rig, time, TimeSpan.FromSeconds(4));

        Assert.That(rig.Bench.Run(b => (b.PowerEnable, b.HeaterArm, b.Controller.IsBooted)), Is.EqualTo((true, true, true)));
        Assert.That(await PigsAsync(port, cancellationToken, "r", "22"), Is.EqualTo("1"), "FAULT_N high: no fault");

        rig.Bench.Run(b =>
        {
            b.Controller.Accept();
            b.Controller.SetParameters([(41, 600), (40, 600)]);
            b.Controller.ExecuteFunction(FurnaceFunctionId.HeaterOpenLoop, armed: true);
        });
        for (int minute = 0; minute < 120 && rig.Bench.Run(b => b.Controller.Mode) != FurnaceMode.Safe; minute++)
        {
            Advance(rig, time, TimeSpan.FromMinutes(1));
            rig.Bench.Run(b => b.Controller.Accept());
        }

        Assert.That(await PigsAsync(port, cancellationToken, "r", "22"), Is.EqualTo("0"), "FAULT_N low: over-temperature latched");

        Assert.That(await PigsAsync(port, cancellationToken, "w", "17", "0"), Is.Empty);
        Advance(rig, time, TimeSpan.FromSeconds(1));
        Assert.That(rig.Bench.Run(b => b.Controller.IsPowered), Is.False);
        Assert.That(await PigsAsync(port, cancellationToken, "r", "22"), Is.EqualTo("1"), "FAULT_N pulled up while unpowered");
    }

    private static void Advance(EmulatedFurnaceRig rig, FakeTimeProvider time, TimeSpan span)
    {
        time.Advance(span);
        rig.Bench.Run(_ => { });
    }

    private static async Task<string> PigsAsync(int port, CancellationToken cancellationToken, params string[] arguments)
    {
        var environment = new Dictionary<string, string>
        {
            ["PIGPIO_ADDR"] = "127.0.0.1",
            ["PIGPIO_PORT"] = port.ToString(CultureInfo.InvariantCulture),
        };
        (int exitCode, string output, string error) = await PythonProcess.RunAsync("pigs", arguments, environment, cancellationToken);
        Assert.That(exitCode, Is.Zero, $"pigs {string.Join(' ', arguments)}: {error}");
        return output.Trim();
    }
}
