using UsocHil.FirmwareSim.Hosting;
using UsocHil.Framing;
using UsocHil.IntegrationTests.Support;
using UsocHil.Protocols.Pus;
using UsocHil.Protocols.Pus.Services;
using UsocHil.Time;

namespace UsocHil.IntegrationTests.FirmwareSim;

/// <summary>The furnace's payload link as any serial program sees it: pyserial on the pty, sync-marker framed PUS.</summary>
public sealed class FurnacePyserialTests
{
    // Reads frames (1ACFFC1D + space packet) and prints "service,subtype,datahex" of each TM until TM[1,7] arrives.
    private const string Script = """
        import serial, sys, time
        s = serial.Serial(sys.argv[1], 115200, timeout=0.2)
        s.write(bytes.fromhex(sys.argv[2]))
        s.flush()
        buf = b''
        deadline = time.time() + 10
        marker = bytes.fromhex('1ACFFC1D')
        while time.time() < deadline:
            buf += s.read(256)
            while True:
                i = buf.find(marker)
                if i < 0 or len(buf) < i + 10:
                    break
                length = ((buf[i + 8] << 8) | buf[i + 9]) + 7
                if len(buf) < i + 4 + length:
                    break
                pkt = buf[i + 4:i + 4 + length]
                buf = buf[i + 4 + length:]
                # TM header: 6 primary + version, service, subtype + counter 2 + destination 2 + P-field and CUC 4+2 = 20
                print(f'{pkt[7]},{pkt[8]},{pkt[20:-2].hex()}', flush=True)
                if pkt[7] == 1 and pkt[8] in (7, 2):
                    sys.exit(0)
        sys.exit(3)
        """;

    [Test]
    [CancelAfter(30_000)]
    public async Task Pyserial_AreYouAliveOnPty_AcceptedAnsweredAndCompleted(CancellationToken cancellationToken)
    {
        var time = new VirtualTimeProvider(TimeProvider.System, 20);
        await using EmulatedFurnaceRig rig = EmulatedFurnaceRig.Start(time, new EmulatedFurnaceRigOptions { Gpio = false }, TestLog.Silent);
        await PowerUpAsync(rig, time, cancellationToken);
        Telecommand request = ConnectionTest.Request(100) with { SequenceCount = 42 };
        byte[] frame = [.. SyncMarkerFramerOptions.AttachedSyncMarker.ToArray(), .. PusCodec.UsocHilDefault.Encode(request)];

        (int exitCode, string output, string error) = await PythonProcess.PythonAsync(
            Script, cancellationToken, rig.Endpoints.PayloadPty, Convert.ToHexString(frame));

        Assert.That(exitCode, Is.Zero, $"{output}\n{error}");
        string[] replies = [.. output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => !l.StartsWith("3,25,", StringComparison.Ordinal))];
        string requestId = request.RequestId.ToString("x8", System.Globalization.CultureInfo.InvariantCulture);
        Assert.That(replies, Is.EqualTo(new[] { $"1,1,{requestId}", "17,2,", $"1,7,{requestId}" }));
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task Pyserial_InstrumentsOnTheirPtys_AnswerScpi(CancellationToken cancellationToken)
    {
        const string script = """
            import serial, sys
            for path in sys.argv[1:]:
                s = serial.Serial(path, 115200, timeout=5)
                s.write(b'*IDN?\n')
                print(s.readline().decode().strip())
                s.close()
            """;
        await using EmulatedFurnaceRig rig = EmulatedFurnaceRig.Start(TimeProvider.System, new EmulatedFurnaceRigOptions { Gpio = false }, TestLog.Silent);

        (int exitCode, string output, string error) = await PythonProcess.PythonAsync(
            script, cancellationToken, rig.Endpoints.SupplyPty, rig.Endpoints.MultimeterPty);

        Assert.That(exitCode, Is.Zero, error);
        Assert.That(output.Split('\n', StringSplitOptions.RemoveEmptyEntries), Is.EqualTo(new[] { "USOCHIL,PSU-28V,PSU0042,1.0", "USOCHIL,DMM-REF,DMM0042,1.0" }));
    }

    internal static async Task PowerUpAsync(EmulatedFurnaceRig rig, TimeProvider time, CancellationToken cancellationToken)
    {
        rig.Supply.Execute("VOLT 28;CURR 25;OUTP ON");
        rig.Bench.PowerEnable = true;
        rig.Bench.HeaterArm = true;
        while (!rig.Bench.Run(b => b.Controller.IsBooted))
        {
            await Task.Delay(TimeSpan.FromMilliseconds(100), time, cancellationToken);
        }
    }
}
