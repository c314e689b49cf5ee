using System.Device.Gpio;
using UsocHil.FirmwareSim.Pigpiod;
using UsocHil.Gpio.Drivers;
using UsocHil.IntegrationTests.Support;

namespace UsocHil.IntegrationTests.Gpio;

/// <summary>Debian's <c>pigs</c> against the pigpiod emulator, with the harness' pigpio driver on the same pins.</summary>
public sealed class PigsClientTests
{
    private const string Pigs = "/usr/bin/pigs";

    [Test]
    [CancelAfter(15_000)]
    public async Task Pigs_WritesLine_HarnessDriverSeesIt(CancellationToken cancellationToken)
    {
        var pins = new EmulatedPinBank();
        await using var server = new PigpiodServer(pins, TimeProvider.System, TestLog.Silent);
        using var controller = new GpioController(await PigpioGpioDriver.ConnectAsync("127.0.0.1", server.Port, TimeProvider.System, TestLog.Silent, cancellationToken));
        controller.OpenPin(17, PinMode.Input);

        (int exit, string output, string error) = await RunPigsAsync(server, cancellationToken, "m", "17", "w", "w", "17", "1", "r", "17", "mg", "17");

        Assert.That(exit, Is.Zero, error);
        Assert.That(Lines(output), Is.EqualTo(new[] { "1", "1" }));
        Assert.That(controller.Read(17), Is.EqualTo(PinValue.High));
        Assert.That(pins.GetLevel(17), Is.True);
    }

    [Test]
    [CancelAfter(15_000)]
    public async Task Pigs_ReadsLinesTheHarnessWrote(CancellationToken cancellationToken)
    {
        var pins = new EmulatedPinBank();
        await using var server = new PigpiodServer(pins, TimeProvider.System, TestLog.Silent);
        using var controller = new GpioController(await PigpioGpioDriver.ConnectAsync("127.0.0.1", server.Port, TimeProvider.System, TestLog.Silent, cancellationToken));
        controller.OpenPin(27, PinMode.Output, PinValue.High);
        controller.OpenPin(4, PinMode.Output, PinValue.Low);

        (int exit, string output, string error) = await RunPigsAsync(server, cancellationToken, "r", "27", "r", "4", "br1", "bc1", "0x8000000", "r", "27", "pigpv", "hwver");

        Assert.That(exit, Is.Zero, error);
        string[] lines = Lines(output);
        Assert.That(lines[..2], Is.EqualTo(new[] { "1", "0" }));
        Assert.That(Convert.ToUInt32(lines[2], 16) & (1u << 27), Is.Not.Zero, "BR1 shows GPIO 27 high");
        Assert.That(lines[3], Is.EqualTo("0"), "BC1 cleared GPIO 27");
        Assert.That(lines[4], Is.EqualTo("79"));
        Assert.That(controller.Read(27), Is.EqualTo(PinValue.Low));
    }

    [TestCase(new[] { "proc", "tag", "1", "w", "4", "0" }, -57)]
    [TestCase(new[] { "fo", "/etc/passwd", "1" }, -137)]
    [TestCase(new[] { "shell", "reboot", "now" }, -139)]
    [TestCase(new[] { "r", "60" }, -3)]
    [TestCase(new[] { "nb", "7", "0x10" }, -25)]
    [TestCase(new[] { "pwm", "32", "1" }, -2)]
    [TestCase(new[] { "pwm", "18", "256" }, -8)]
    [TestCase(new[] { "prs", "18", "40001" }, -21)]
    [TestCase(new[] { "gdc", "18" }, -92)]
    [TestCase(new[] { "fg", "17", "300001" }, -125)]
    [TestCase(new[] { "fn", "17", "10", "1000001" }, -125)]
    [TestCase(new[] { "hp", "17", "1000", "1" }, -95)]
    [TestCase(new[] { "hp", "18", "1000", "1000001" }, -97)]
    [TestCase(new[] { "no" }, -41)]
    [CancelAfter(15_000)]
    public async Task Pigs_RefusedOrInvalidCommand_GetsPigpioErrorCode(string[] command, int expected, CancellationToken cancellationToken)
    {
        await using var server = new PigpiodServer(new EmulatedPinBank(), TimeProvider.System, TestLog.Silent);

        (int _, string output, string error) = await RunPigsAsync(server, cancellationToken, command);

        Assert.That(output + error, Does.Contain(expected.ToString()));
        Assert.That(output + error, Does.Contain("ERROR"));
    }

    [Test]
    [CancelAfter(15_000)]
    public async Task Pigs_PwmAndHardwarePwm_SetAndReadBack(CancellationToken cancellationToken)
    {
        await using var server = new PigpiodServer(new EmulatedPinBank(), TimeProvider.System, TestLog.Silent);

        (int exit, string output, string error) = await RunPigsAsync(server, cancellationToken,
            "pfs", "18", "400", "prs", "18", "1000", "pwm", "18", "250", "gdc", "18", "prg", "18", "prrg", "18", "pfg", "18",
            "hp", "13", "20000", "500000", "gdc", "13", "pfg", "13", "prrg", "13", "mg", "13");

        Assert.That(exit, Is.Zero, error);
        // PRS answers the real range at 400 Hz (200 000 / 400); hardware PWM: 250 MHz / 20 kHz, GPIO 13 switched to ALT0 (4)
        Assert.That(Lines(output), Is.EqualTo(new[] { "400", "500", "250", "1000", "500", "400", "500000", "20000", "12500", "4" }));
    }

    [Test]
    [CancelAfter(15_000)]
    public async Task Pigs_Tick_AdvancesWithTheServerClock(CancellationToken cancellationToken)
    {
        await using var server = new PigpiodServer(new EmulatedPinBank(), TimeProvider.System, TestLog.Silent);

        (int exit, string first, string error) = await RunPigsAsync(server, cancellationToken, "t");
        // The first tick was read before pigs exited, the second after the next one started: at least this far apart.
        long between = System.Diagnostics.Stopwatch.GetTimestamp();
        await Task.Delay(20, cancellationToken);
        uint apartMicroseconds = (uint)System.Diagnostics.Stopwatch.GetElapsedTime(between).TotalMicroseconds;
        (_, string second, _) = await RunPigsAsync(server, cancellationToken, "t");

        Assert.That(exit, Is.Zero, error);
        Assert.That(uint.Parse(second.Trim()) - uint.Parse(first.Trim()), Is.InRange(apartMicroseconds, 10_000_000u));
    }

    private static string[] Lines(string output) => output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static Task<(int ExitCode, string Output, string Error)> RunPigsAsync(PigpiodServer server, CancellationToken cancellationToken, params string[] arguments) =>
        PythonProcess.RunAsync(Pigs, arguments, new Dictionary<string, string> { ["PIGPIO_ADDR"] = "127.0.0.1", ["PIGPIO_PORT"] = server.Port.ToString() }, cancellationToken);
}
