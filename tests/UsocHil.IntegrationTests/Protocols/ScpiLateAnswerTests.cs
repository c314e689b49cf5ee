using System.Net;
using System.Net.Sockets;
using System.Text;
using UsocHil.Testing;
using UsocHil.IntegrationTests.Support;
using UsocHil.Links.Tcp;
using UsocHil.Protocols.Scpi;

namespace UsocHil.IntegrationTests.Protocols;

/// <summary>The harness' SCPI client against a test instrument on a loopback socket that answers after the client gave up.</summary>
public sealed class ScpiLateAnswerTests
{
    [Test]
    [CancelAfter(20_000)]
    public async Task ScpiClient_InstrumentAnswersLate_NextQueryGetsItsOwnAnswer(CancellationToken cancellationToken)
    {
        var timeout = TimeSpan.FromMilliseconds(300);
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var received = new List<string>();
        Task instrument = Task.Run(async () =>
        {
            using Socket socket = await listener.AcceptSocketAsync(cancellationToken);
            await using var stream = new NetworkStream(socket);
            using var reader = new StreamReader(stream, Encoding.ASCII);
            while (await reader.ReadLineAsync(cancellationToken) is { } line)
            {
                received.Add(line);
                string answer = line switch
                {
                    "*IDN?" => "USOCHIL,PSU-LATE,7,1.0",
                    "MEAS:VOLT?" => "+2.800000E+01",
                    "MEAS:CURR?" => "+3.000000E+00",
                    "SYST:ERR?" => "0,\"No error\"",
                    _ => "",
                };
                if (line == "*IDN?" && received.Count == 1)
                {
                    await Task.Delay(timeout * 1.5, cancellationToken); // busy: the answer comes after the client's timeout, well inside its drain
                }

                await stream.WriteAsync(Encoding.ASCII.GetBytes(answer + "\n"), cancellationToken);
            }
        }, cancellationToken);
        await using TcpLink link = await TcpClientLink.ConnectAsync("psu", "127.0.0.1", ((IPEndPoint)listener.LocalEndpoint).Port, TimeSpan.FromSeconds(5), TimeProvider.System, TestLog.Silent, cancellationToken);
        var client = new ScpiClient(link, TimeProvider.System, TestLog.Silent, new ScpiClientOptions { Timeout = timeout });

        var late = await Assert.ThrowsAsync<ScpiTimeoutException>(() => client.IdentifyAsync(cancellationToken));
        ScpiNumber volts = await client.QueryNumberAsync("MEAS:VOLT?", cancellationToken);
        ScpiNumber amperes = await client.QueryNumberAsync("MEAS:CURR?", cancellationToken);
        ScpiIdentity identity = await client.IdentifyAsync(cancellationToken).WaitAsync(TimeSpan.FromSeconds(5), cancellationToken);
        await link.DisposeAsync();
        await instrument;

        Assert.That(late!.Query, Is.EqualTo("*IDN?"));
        Assert.That(volts, Is.EqualTo(new ScpiNumber(28.0, null)), "MEAS:VOLT? got its own answer, not the late *IDN? line");
        Assert.That(amperes, Is.EqualTo(new ScpiNumber(3.0, null)));
        Assert.That(identity.Model, Is.EqualTo("PSU-LATE"));
        Assert.That(received, Is.EqualTo(new[] { "*IDN?", "MEAS:VOLT?", "SYST:ERR?", "MEAS:CURR?", "SYST:ERR?", "*IDN?" }));
        ReliabilityRecord.Write("fault injection", "instrument answers a query after the client's timeout", 1,
            "typed ScpiTimeoutException; the client drains the late answer before the next query, which gets its own answer");
    }
}
