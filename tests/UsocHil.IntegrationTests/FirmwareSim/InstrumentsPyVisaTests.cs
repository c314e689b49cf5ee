using System.Globalization;
using UsocHil.FirmwareSim.Hosting;
using UsocHil.IntegrationTests.Support;
using UsocHil.Time;

namespace UsocHil.IntegrationTests.FirmwareSim;

/// <summary>The emulated instruments as a lab program sees them: PyVISA with the pyvisa-py backend over raw TCP sockets.</summary>
public sealed class InstrumentsPyVisaTests
{
    private const string Script = """
        import sys, pyvisa
        rm = pyvisa.ResourceManager('@py')
        def open(port):
            r = rm.open_resource(f'TCPIP::127.0.0.1::{port}::SOCKET')
            r.read_termination = '\n'
            r.write_termination = '\n'
            r.timeout = 5000
            return r
        psu, dmm = open(sys.argv[1]), open(sys.argv[2])
        print(psu.query('*IDN?'))
        print(dmm.query('*IDN?'))
        psu.write('VOLT 28.0')
        psu.write('CURR 25.0')
        psu.write('OUTP ON')
        print(psu.query('MEAS:VOLT?'))
        print(psu.query('OUTP?'))
        print(dmm.query('MEAS:TEMP?'))
        psu.write('VOLT 99')
        print(psu.query('SYST:ERR?'))
        print(psu.query('SYST:ERR?'))
        psu.write('OUTP OFF')
        psu.close(); dmm.close(); rm.close()
        """;

    [Test]
    [CancelAfter(30_000)]
    public async Task PyVisa_BothInstrumentsOverTcp_IdentifyAndReadVoltageAndTemperature(CancellationToken cancellationToken)
    {
        var time = new VirtualTimeProvider(TimeProvider.System, 10);
        await using EmulatedFurnaceRig rig = EmulatedFurnaceRig.Start(time, new EmulatedFurnaceRigOptions { Gpio = false }, TestLog.Silent);

        (int exitCode, string output, string error) = await PythonProcess.PythonAsync(
            Script,
            cancellationToken,
            rig.Endpoints.SupplyTcpPort.ToString(CultureInfo.InvariantCulture),
            rig.Endpoints.MultimeterTcpPort.ToString(CultureInfo.InvariantCulture));

        Assert.That(exitCode, Is.Zero, error);
        string[] lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.That(lines[0], Is.EqualTo("USOCHIL,PSU-28V,PSU0042,1.0"));
        Assert.That(lines[1], Is.EqualTo("USOCHIL,DMM-REF,DMM0042,1.0"));
        Assert.That(double.Parse(lines[2], CultureInfo.InvariantCulture), Is.EqualTo(28.0));
        Assert.That(lines[3], Is.EqualTo("1"));
        Assert.That(double.Parse(lines[4], CultureInfo.InvariantCulture), Is.EqualTo(20.0).Within(0.2));
        Assert.That(lines[5], Is.EqualTo("-222,\"Data out of range\""));
        Assert.That(lines[6], Is.EqualTo("0,\"No error\""));
        Assert.That(rig.Bench.Run(b => b.Supply.OutputOn), Is.False);
    }

    private const string StatusScript = """
        import sys, pyvisa
        rm = pyvisa.ResourceManager('@py')
        def open(port):
            r = rm.open_resource(f'TCPIP::127.0.0.1::{port}::SOCKET')
            r.read_termination = '\n'
            r.write_termination = '\n'
            r.timeout = 5000
            return r
        for name, port, bad in (('psu', sys.argv[1], 'VOLT:BOGUS 3'), ('dmm', sys.argv[2], 'MEAS:TEMP? 5')):
            r = open(port)
            print(name, 'vers', r.query('SYST:VERS?'))
            r.write('*CLS')
            r.write('*ESE 61')
            r.write('*SRE 32')
            print(name, 'ese', r.query('*ESE?'), 'sre', r.query('*SRE?'))
            r.write(bad)
            print(name, 'error-stb', r.query('*STB?'))
            print(name, 'error-esr', r.query('*ESR?'))
            print(name, 'error-count', r.query('SYST:ERR:COUN?'))
            print(name, 'error-entry', r.query('SYST:ERR?'))
            print(name, 'clear-stb', r.query('*STB?'))
            r.write('*OPC')
            print(name, 'opc-stb', r.query('*STB?'))
            print(name, 'opc-esr', r.query('*ESR?'))
            print(name, 'after-stb', r.query('*STB?'))
            r.close()
        psu = open(sys.argv[1])
        psu.write('VOLT 5')
        psu.write('VOLT 1' + ' ' * 5000 + '2')
        print('long volt', psu.query('VOLT?'))
        print('long esr', psu.query('*ESR?'))
        print('long entry', psu.query('SYST:ERR?'))
        psu.close(); rm.close()
        """;

    [Test]
    [CancelAfter(30_000)]
    public async Task PyVisa_StatusPolling_ReadsTheIeee4882BitsAfterAnErrorAndAfterOpcOnBothInstruments(CancellationToken cancellationToken)
    {
        var time = new VirtualTimeProvider(TimeProvider.System, 10);
        await using EmulatedFurnaceRig rig = EmulatedFurnaceRig.Start(time, new EmulatedFurnaceRigOptions { Gpio = false }, TestLog.Silent);

        (int exitCode, string output, string error) = await PythonProcess.PythonAsync(
            StatusScript,
            cancellationToken,
            rig.Endpoints.SupplyTcpPort.ToString(CultureInfo.InvariantCulture),
            rig.Endpoints.MultimeterTcpPort.ToString(CultureInfo.InvariantCulture));

        Assert.That(exitCode, Is.Zero, error);
        Dictionary<string, string> seen = output.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => l.Split(' ', 3))
            .ToDictionary(p => p[0] + " " + p[1], p => p[2].Trim(), StringComparer.Ordinal);
        foreach (string name in new[] { "psu", "dmm" })
        {
            Assert.That(seen[name + " vers"], Is.EqualTo("1999.0"));
            Assert.That(seen[name + " ese"], Is.EqualTo("61 sre 32"));
            Assert.That(seen[name + " error-stb"], Is.EqualTo("100"), $"{name}: EAV (2), ESB (5) and MSS (6) after a command error");
            Assert.That(seen[name + " error-esr"], Is.EqualTo("32"), $"{name}: CME");
            Assert.That(seen[name + " error-count"], Is.EqualTo("1"));
            Assert.That(seen[name + " clear-stb"], Is.EqualTo("0"), $"{name}: *ESR? and SYST:ERR? read the bits clear");
            Assert.That(seen[name + " opc-stb"], Is.EqualTo("96"), $"{name}: ESB and MSS after *OPC");
            Assert.That(seen[name + " opc-esr"], Is.EqualTo("1"), $"{name}: OPC");
            Assert.That(seen[name + " after-stb"], Is.EqualTo("0"));
        }

        Assert.That(seen["psu error-entry"], Is.EqualTo("-113,\"Undefined header\""));
        Assert.That(seen["dmm error-entry"], Is.EqualTo("-108,\"Parameter not allowed\""));
        Assert.That(seen["long volt"], Is.EqualTo("5.0000"), "nothing of the over-long message was executed");
        Assert.That(seen["long esr"], Is.EqualTo("8"), "DDE");
        Assert.That(seen["long entry"], Is.EqualTo("-363,\"Input buffer overrun\""));
        Assert.That(rig.Bench.Run(b => b.Supply.VoltageSetpoint), Is.EqualTo(5.0));
    }
}
