using System.Device.Gpio;
using UsocHil.FirmwareSim.Pigpiod;
using UsocHil.Gpio.Drivers;
using UsocHil.IntegrationTests.Support;

namespace UsocHil.IntegrationTests.Gpio;

/// <summary>The Python <c>pigpio</c> module (as gpiozero's PiGPIOFactory uses it) against the pigpiod emulator.</summary>
[NonParallelizable]
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
}
