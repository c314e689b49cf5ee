using System.Net;
using UsocHil.IntegrationTests.Support;
using UsocHil.Links.Tcp;
using UsocHil.Protocols.Scpi;

namespace UsocHil.IntegrationTests.Protocols;

/// <summary>The SCPI client against an instrument written in Python over a real loopback TCP connection.</summary>
public sealed class ScpiOverTcpTests
{
    private const string Instrument = """
        import socket, sys
        s = socket.create_connection(('127.0.0.1', int(sys.argv[1])))
        lines = s.makefile('rb')
        errors = []
        for raw in lines:
            command = raw.decode().strip()
            reply = None
            if command == '*IDN?': reply = 'USOCHIL,DMM-REF,SN0007,2.1.0'
            elif command == '*OPC?': reply = '1'
            elif command == '*ESR?': reply = '+32' if errors else '+0'
            elif command == 'MEAS:TEMP?': reply = '+8.501200E+02'
            elif command == 'MEAS:VOLT?': reply = '28.0 V'
            elif command == 'SYST:ERR?': reply = errors.pop(0) if errors else '+0,"No error"'
            elif command in ('*RST', '*CLS', 'CONF:TEMP'): pass
            else: errors.append('-113,"Undefined header"')
            if reply is not None:
                s.sendall((reply + '\r\n').encode())
        s.close()
        """;

    [Test]
    [CancelAfter(20_000)]
    public async Task ScpiClient_PythonInstrumentOverLoopback_IdentifiesMeasuresAndSurfacesErrors(CancellationToken cancellationToken)
    {
        await using var listener = new TcpLinkListener("dmm", TestLog.Silent, IPAddress.Loopback, 0);
        Task<(int ExitCode, string Output, string Error)> instrument = PythonProcess.PythonAsync(Instrument, cancellationToken, listener.Port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await using TcpLink link = await listener.AcceptAsync(cancellationToken);
        var client = new ScpiClient(link, TimeProvider.System, TestLog.Silent, new ScpiClientOptions { Timeout = TimeSpan.FromSeconds(5) });

        ScpiIdentity identity = await client.IdentifyAsync(cancellationToken);
        await client.ResetAsync(cancellationToken);
        await client.ExecuteAsync(["CONF:TEMP"], cancellationToken);
        ScpiNumber temperature = await client.QueryNumberAsync("MEAS:TEMP?", cancellationToken);
        ScpiNumber volts = await client.QueryNumberAsync("MEAS:VOLT?", cancellationToken);
        var error = await Assert.ThrowsAsync<ScpiInstrumentException>(() => client.ExecuteAsync(["CONF:TEMP", "CONF:BOGUS"], cancellationToken));
        await client.CheckErrorsAsync("after the failure", cancellationToken);
        await link.DisposeAsync();
        (int exitCode, _, string stderr) = await instrument;

        Assert.That(identity.Matches("USOCHIL,DMM-REF"), Is.True);
        Assert.That(identity.SerialNumber, Is.EqualTo("SN0007"));
        Assert.That(temperature, Is.EqualTo(new ScpiNumber(850.12, null)));
        Assert.That(volts, Is.EqualTo(new ScpiNumber(28.0, "V")));
        Assert.That((error!.Code, error.InstrumentMessage, error.Command), Is.EqualTo((-113, "Undefined header", "CONF:TEMP; CONF:BOGUS")));
        Assert.That(exitCode, Is.Zero, stderr);
    }
}
