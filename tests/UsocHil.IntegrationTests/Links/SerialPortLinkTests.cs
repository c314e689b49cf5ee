using UsocHil.Links;
using UsocHil.Links.Serial;
using UsocHil.Description;

namespace UsocHil.IntegrationTests.Links;

/// <summary>The portable path's measured failure modes on a pty, each mapped to one typed error.</summary>
public sealed class SerialPortLinkTests
{
    [Test]
    [CancelAfter(10_000)]
    public async Task ReadAsync_PtyVanishesMidRead_LinkClosedExceptionNamingPathAndDisposeReturns(CancellationToken cancellationToken)
    {
        PtyPair pty = PtyPair.Open("adapter", TestLog.Silent);
        SerialPortLink link = SerialPortLink.Open("payload", pty.SubordinatePath, new SerialSettings(), TimeProvider.System, TestLog.Silent);
        ValueTask<int> pending = link.ReadAsync(new byte[32], cancellationToken);

        await pty.DisposeAsync();

        var error = await Assert.ThrowsAsync<LinkClosedException>(async () => await pending);
        Assert.That(error!.Endpoint, Is.EqualTo(pty.SubordinatePath));
        await link.DisposeAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(5), cancellationToken);
    }

    [Test]
    public void Open_MissingDevice_ThrowsLinkClosedExceptionNamingPath()
    {
        var error = Assert.Throws<LinkClosedException>(() =>
            SerialPortLink.Open("payload", "/dev/ttyUSB-usochil-missing", new SerialSettings(), TimeProvider.System, TestLog.Silent));
        Assert.That(error!.Endpoint, Is.EqualTo("/dev/ttyUSB-usochil-missing"));
    }

    [Test]
    [CancelAfter(10_000)]
    public async Task Open_SevenDataBitsEvenParityTwoStops_ExchangesBytes(CancellationToken cancellationToken)
    {
        await using PtyPair pty = PtyPair.Open("adapter", TestLog.Silent);
        var settings = new SerialSettings { Baud = 9600, DataBits = 7, Parity = "even", StopBits = 2, FlowControl = "none" };
        await using SerialPortLink link = SerialPortLink.Open("payload", pty.SubordinatePath, settings, TimeProvider.System, TestLog.Silent);

        await link.WriteAsync("*IDN?\n"u8.ToArray(), cancellationToken);

        Assert.That(await PtyPairTests.ReadExactlyAsync(pty.Controller, 6, cancellationToken), Is.EqualTo("*IDN?\n"u8.ToArray()));
    }
}
