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
}
