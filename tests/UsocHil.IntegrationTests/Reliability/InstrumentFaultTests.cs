using Serilog.Core;
using UsocHil.FirmwareSim.Hosting;
using UsocHil.Links.Tcp;
using UsocHil.Protocols.Scpi;

namespace UsocHil.IntegrationTests.Reliability;

/// <summary>Instrument errors against the emulated supply over TCP, and an instrument that never answers.</summary>
public sealed class InstrumentFaultTests
{
    [Test]
    [CancelAfter(30_000)]
    public async Task EmulatedSupply_OutOfRangeCommand_ThrowsScpiInstrumentExceptionWithCode(CancellationToken cancellationToken)
    {
        await using EmulatedFurnaceRig rig = EmulatedFurnaceRig.Start(TimeProvider.System, new EmulatedFurnaceRigOptions(), TestLog.Silent);
        await using TcpLink link = await TcpClientLink.ConnectAsync("supply", FurnaceRigEndpoints.Host, rig.Endpoints.SupplyTcpPort, TimeSpan.FromSeconds(5), TimeProvider.System, TestLog.Silent, cancellationToken);
        var supply = new ScpiClient(link, TimeProvider.System, Logger.None);

        var e = await Assert.ThrowsAsync<ScpiInstrumentException>(async () => await supply.ExecuteAsync("VOLT 9999", cancellationToken));

        Assert.That(e!.Code, Is.LessThan(0));
        Assert.That(e.Command, Is.EqualTo("VOLT 9999"));
        Assert.That(rig.Bench.Run(b => b.Supply.VoltageSetpoint), Is.Not.EqualTo(9999), "the instrument did not take the value");
        ScpiIdentity identity = await supply.IdentifyAsync(cancellationToken);
        ReliabilityRecord.Write("fault injection", "instrument error queue not empty (VOLT 9999 on the emulated supply)", 1,
            $"typed ScpiInstrumentException: {e.Message}; the supply ({identity.Model}) keeps answering");
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task SilentInstrument_Query_ThrowsScpiTimeoutExceptionNamingEndpoint(CancellationToken cancellationToken)
    {
        await using var listener = new TcpLinkListener("mute-dmm", TestLog.Silent);
        await using TcpLink link = await TcpClientLink.ConnectAsync("dmm", "127.0.0.1", listener.Port, TimeSpan.FromSeconds(5), TimeProvider.System, TestLog.Silent, cancellationToken);
        await using TcpLink instrument = await listener.AcceptAsync(cancellationToken);
        var dmm = new ScpiClient(link, TimeProvider.System, Logger.None, new ScpiClientOptions { Timeout = TimeSpan.FromMilliseconds(300) });

        var e = await Assert.ThrowsAsync<ScpiTimeoutException>(async () => await dmm.QueryNumberAsync("MEAS:TEMP?", cancellationToken));

        Assert.That(e!.Message, Does.Contain("MEAS:TEMP?").And.Contain(listener.Port.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        ReliabilityRecord.Write("fault injection", "instrument gives no answer", 1, $"typed ScpiTimeoutException (an instrument fault, not a lost link) after the query timeout: {e.Message}");
    }
}
