using System.Device.Gpio;
using Microsoft.Extensions.Time.Testing;
using UsocHil.FirmwareSim.Pigpiod;
using UsocHil.Gpio.Drivers;
using UsocHil.IntegrationTests.Support;

namespace UsocHil.IntegrationTests.Gpio;

/// <summary>The Python <c>pigpio</c> module (as gpiozero's PiGPIOFactory uses it) against the pigpiod emulator.</summary>
public sealed class PythonPigpioClientTests
{
    [Test]
    [CancelAfter(20_000)]
    public async Task PythonPigpio_ReadsAndWritesLines_HarnessDriverSeesWrites(CancellationToken cancellationToken)
    {
        var pins = new EmulatedPinBank();
        await using var server = new PigpiodServer(pins, TimeProvider.System, TestLog.Silent);
        using var controller = new GpioController(await PigpioGpioDriver.ConnectAsync("127.0.0.1", server.Port, TimeProvider.System, TestLog.Silent, cancellationToken));
        controller.OpenPin(17, PinMode.Input);
        controller.OpenPin(27, PinMode.Output, PinValue.High);
        const string script = """
            import pigpio, sys
            pi = pigpio.pi('127.0.0.1', int(sys.argv[1]))
            assert pi.connected
            pi.set_mode(17, pigpio.OUTPUT)
            pi.write(17, 1)
            print(pi.read(27), pi.get_mode(17), pi.get_pigpio_version())
            try:
                pi.file_open('/etc/passwd', pigpio.FILE_READ)
            except pigpio.error as e:
                print('refused', e)
            pi.stop()
            """;

        (int exit, string output, string error) = await PythonProcess.PythonAsync(script, cancellationToken, server.Port.ToString());

        Assert.That(exit, Is.Zero, error);
        string[] lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.That(lines[0], Is.EqualTo("1 1 79"));
        Assert.That(lines[1], Does.StartWith("refused").And.Contain("no permission to access file"));
        Assert.That(controller.Read(17), Is.EqualTo(PinValue.High));
    }

    [Test]
    [CancelAfter(20_000)]
    public async Task PythonPigpio_Callback_NotifiedOfHarnessWrites(CancellationToken cancellationToken)
    {
        var pins = new EmulatedPinBank();
        await using var server = new PigpiodServer(pins, TimeProvider.System, TestLog.Silent);
        using var controller = new GpioController(await PigpioGpioDriver.ConnectAsync("127.0.0.1", server.Port, TimeProvider.System, TestLog.Silent, cancellationToken));
        controller.OpenPin(27, PinMode.Output, PinValue.Low);
        const string script = """
            import pigpio, sys, threading
            pi = pigpio.pi('127.0.0.1', int(sys.argv[1]))
            seen = threading.Event()
            levels = []
            def edge(gpio, level, tick):
                levels.append(level)
                seen.set()
            cb = pi.callback(27, pigpio.EITHER_EDGE, edge)
            print('ready', flush=True)
            sys.stdin.readline()
            ok = seen.wait(5)
            cb.cancel()
            pi.stop()
            print('edge', levels[0] if ok else 'none', flush=True)
            """;
        var start = new System.Diagnostics.ProcessStartInfo(PythonProcess.Python)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(script);
        start.ArgumentList.Add(server.Port.ToString());
        using var python = System.Diagnostics.Process.Start(start)!;
        try
        {
            Assert.That(await python.StandardOutput.ReadLineAsync(cancellationToken), Is.EqualTo("ready"));
            controller.Write(27, PinValue.High);
            await python.StandardInput.WriteLineAsync("go".AsMemory(), cancellationToken);
            await python.StandardInput.FlushAsync(cancellationToken);

            Assert.That(await python.StandardOutput.ReadLineAsync(cancellationToken), Is.EqualTo("edge 1"));
            await python.WaitForExitAsync(cancellationToken);
        }
        finally
        {
            if (!python.HasExited)
            {
                python.Kill();
            }
        }
    }

    [Test]
    [CancelAfter(20_000)]
    public async Task PythonPigpio_PwmSetAndReadBack_FrequencyRangeAndDutyCycleAsPigpioReportsThem(CancellationToken cancellationToken)
    {
        var pins = new EmulatedPinBank();
        await using var server = new PigpiodServer(pins, TimeProvider.System, TestLog.Silent);
        using var controller = new GpioController(await PigpioGpioDriver.ConnectAsync("127.0.0.1", server.Port, TimeProvider.System, TestLog.Silent, cancellationToken));
        controller.OpenPin(18, PinMode.Input);
        const string script = """
            import pigpio, sys
            pi = pigpio.pi('127.0.0.1', int(sys.argv[1]))
            def attempt(f):
                try:
                    return f()
                except pigpio.error as e:
                    return e.args[0]
            print(pi.get_PWM_frequency(18), pi.get_PWM_range(18), pi.get_PWM_real_range(18), attempt(lambda: pi.get_PWM_dutycycle(18)))
            print(pi.set_PWM_frequency(18, 1000), pi.set_PWM_range(18, 2000), pi.set_PWM_dutycycle(18, 500))
            print(pi.get_PWM_frequency(18), pi.get_PWM_range(18), pi.get_PWM_real_range(18), pi.get_PWM_dutycycle(18), pi.get_mode(18))
            print(pi.set_PWM_frequency(18, 700), pi.set_PWM_frequency(18, 3), pi.set_PWM_frequency(18, 100000))
            print(attempt(lambda: pi.set_PWM_dutycycle(18, 2001)), attempt(lambda: pi.set_PWM_range(18, 24)), attempt(lambda: pi.set_PWM_dutycycle(40, 1)))
            print(pi.hardware_PWM(18, 50000, 250000), pi.get_mode(18), pi.get_PWM_frequency(18), pi.get_PWM_range(18), pi.get_PWM_real_range(18), pi.get_PWM_dutycycle(18))
            print(attempt(lambda: pi.hardware_PWM(17, 1000, 1)), attempt(lambda: pi.hardware_PWM(18, 1000, 1000001)))
            print(pi.set_servo_pulsewidth(17, 1500), pi.get_servo_pulsewidth(17), attempt(lambda: pi.set_servo_pulsewidth(17, 400)), attempt(lambda: pi.get_servo_pulsewidth(18)))
            print(pi.set_glitch_filter(17, 300000), attempt(lambda: pi.set_glitch_filter(17, 300001)), pi.set_noise_filter(17, 1000, 1000000), attempt(lambda: pi.set_noise_filter(17, 1000, 1000001)))
            pi.write(18, 0)
            print(attempt(lambda: pi.get_PWM_dutycycle(18)))
            pi.stop()
            """;

        (int exit, string output, string error) = await PythonProcess.PythonAsync(script, cancellationToken, server.Port.ToString());

        Assert.That(exit, Is.Zero, error);
        // pigpio at its default 5 µs sample rate: 800 Hz, range 255, real range 200 000 / frequency.
        Assert.That(output.Split('\n', StringSplitOptions.RemoveEmptyEntries), Is.EqualTo(new[]
        {
            "800 255 250 GPIO is not in use for PWM",
            "1000 200 0",
            "1000 2000 200 500 1",
            "800 10 8000",
            "dutycycle not 0-range (default 255) dutycycle range not 25-40000 GPIO not 0-31",
            "0 2 50000 1000000 5000 250000",
            "GPIO has no hardware PWM hardware PWM dutycycle not 0-1M",
            "0 1500 pulsewidth not 0 or 500-2500 GPIO is not in use for servo pulses",
            "0 bad filter parameter 0 bad filter parameter",
            "GPIO is not in use for PWM",
        }));
        Assert.That(controller.Read(18), Is.EqualTo(PinValue.Low), "the write stopped the hardware PWM");
    }

    [Test]
    [CancelAfter(20_000)]
    public async Task PythonPigpio_GlitchFilter_ShortPulseUnreportedSteadyLevelReportedAfterSteadyTime(CancellationToken cancellationToken)
    {
        var time = new FakeTimeProvider();
        var pins = new EmulatedPinBank();
        await using var server = new PigpiodServer(pins, time, TestLog.Silent);
        const string script = """
            import pigpio, sys, threading
            pi = pigpio.pi('127.0.0.1', int(sys.argv[1]))
            pi.set_glitch_filter(22, 2000)
            edges = []
            seen = threading.Event()
            def edge(gpio, level, tick):
                edges.append((level, tick))
                seen.set()
            cb = pi.callback(22, pigpio.EITHER_EDGE, edge)
            print('ready', flush=True)
            sys.stdin.readline()
            ok = seen.wait(5)
            print('edges', ok, edges, pi.read(22), flush=True)
            cb.cancel()
            pi.stop()
            """;
        using var python = PythonSession.Start(script, server.Port.ToString());
        Assert.That(await python.ReadLineAsync(cancellationToken), Is.EqualTo("ready"));

        pins.Drive(22, high: true);
        time.Advance(TimeSpan.FromMicroseconds(1500));
        pins.Drive(22, high: false); // a 1.5 ms pulse: shorter than the 2 ms filter
        time.Advance(TimeSpan.FromMicroseconds(3000));
        pins.Drive(22, high: true);
        time.Advance(TimeSpan.FromMicroseconds(1999));
        Assert.That(pins.GetLevel(22), Is.True, "reads are not filtered");
        time.Advance(TimeSpan.FromMicroseconds(1));
        await python.ContinueAsync(cancellationToken);

        // one edge, high, stamped when it had held for 2 ms: 1.5 + 3 + 2 ms after the server started
        Assert.That(await python.ReadLineAsync(cancellationToken), Is.EqualTo("edges True [(1, 6500)] 1"));
    }

    [Test]
    [CancelAfter(20_000)]
    public async Task PythonPigpio_NotifyOpen_ReportsLevelChangesThroughTheNotificationPipe(CancellationToken cancellationToken)
    {
        string pipes = Directory.CreateTempSubdirectory("usochil-pigpio-").FullName;
        try
        {
            var pins = new EmulatedPinBank();
            await using var server = new PigpiodServer(pins, TimeProvider.System, TestLog.Silent, pipeDirectory: pipes);
            const string script = """
                import pigpio, sys, os, struct
                pi = pigpio.pi('127.0.0.1', int(sys.argv[1]))
                h = pi.notify_open()
                fifo = open(os.path.join(sys.argv[2], 'pigpio%d' % h), 'rb', buffering=0)
                pi.notify_begin(h, 1 << 22)
                print('ready', h, flush=True)
                seq, flags, tick, level = struct.unpack('HHII', fifo.read(12))
                print('report', seq, flags, (level >> 22) & 1, flush=True)
                pi.notify_close(h)
                print('closed', os.path.exists(os.path.join(sys.argv[2], 'pigpio%d' % h)), flush=True)
                pi.stop()
                """;
            using var python = PythonSession.Start(script, server.Port.ToString(), pipes);
            Assert.That(await python.ReadLineAsync(cancellationToken), Is.EqualTo("ready 1"), "handle 0 is pigpio.py's own in-band notification");

            pins.Drive(17, high: true); // not watched
            pins.Drive(22, high: true);

            Assert.That(await python.ReadLineAsync(cancellationToken), Is.EqualTo("report 0 0 1"));
            Assert.That(await python.ReadLineAsync(cancellationToken), Is.EqualTo("closed False"));
            Assert.That(await python.WaitForExitAsync(cancellationToken), Is.Zero);
        }
        finally
        {
            Directory.Delete(pipes, recursive: true);
        }
    }

    [Test]
    [CancelAfter(20_000)]
    public async Task PythonPigpio_NotifyOpenWithoutPipeDirectory_RefusedNotPermitted(CancellationToken cancellationToken)
    {
        await using var server = new PigpiodServer(new EmulatedPinBank(), TimeProvider.System, TestLog.Silent);
        const string script = """
            import pigpio, sys
            pi = pigpio.pi('127.0.0.1', int(sys.argv[1]))
            try:
                pi.notify_open()
            except pigpio.error as e:
                print(e.args[0])
            pi.stop()
            """;

        (int exit, string output, string error) = await PythonProcess.PythonAsync(script, cancellationToken, server.Port.ToString());

        Assert.That(exit, Is.Zero, error);
        Assert.That(output.Trim(), Is.EqualTo("no permission to update GPIO"));
    }
}
