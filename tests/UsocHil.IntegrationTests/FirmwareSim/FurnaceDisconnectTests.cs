using System.Net.Sockets;
using Microsoft.Extensions.Time.Testing;
using UsocHil.FirmwareSim.Faults;
using UsocHil.FirmwareSim.Furnace;
using UsocHil.FirmwareSim.Hosting;

namespace UsocHil.IntegrationTests.FirmwareSim;

public sealed class FurnaceDisconnectTests
{
    [Test]
    [CancelAfter(15_000)]
    public async Task DisconnectAt_TcpSessionClosedAndNewConnectionsDropped(CancellationToken cancellationToken)
    {
        var time = new FakeTimeProvider();
        var options = new EmulatedFurnaceRigOptions
        {
            Gpio = false,
            Bench = new FurnaceBenchOptions { Faults = FaultPlan.Parse(["disconnect-at=10s"]), TickPeriod = TimeSpan.FromSeconds(1) },
        };
        await using EmulatedFurnaceRig rig = EmulatedFurnaceRig.Start(time, options, TestLog.Silent);
        using var client = new TcpClient();
        await client.ConnectAsync("127.0.0.1", rig.Endpoints.PayloadTcpPort, cancellationToken);
        Task<int> read = client.GetStream().ReadAsync(new byte[64], cancellationToken).AsTask();

        time.Advance(TimeSpan.FromSeconds(11));
        rig.Bench.Run(_ => { });

        Assert.That(await read, Is.Zero, "the open session ends");
        using var late = new TcpClient();
        await late.ConnectAsync("127.0.0.1", rig.Endpoints.PayloadTcpPort, cancellationToken);
        Assert.That(await late.GetStream().ReadAsync(new byte[64], cancellationToken), Is.Zero, "a new connection is dropped");
    }
}
