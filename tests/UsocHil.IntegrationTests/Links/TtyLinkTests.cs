using UsocHil.IntegrationTests.Support;
using UsocHil.Links;
using UsocHil.Links.Serial;
using UsocHil.Description;

namespace UsocHil.IntegrationTests.Links;

public sealed class TtyLinkTests
{
    [Test]
    [CancelAfter(10_000)]
    public async Task ReadAsync_PtyControllerVanishes_ThrowsLinkClosedExceptionNamingPath(CancellationToken cancellationToken)
    {
        PtyPair pty = PtyPair.Open("adapter", TestLog.Silent);
        await using TtyLink link = TtyLink.Open("payload", pty.SubordinatePath, new SerialSettings(), TestLog.Silent);
        ValueTask<int> pending = link.ReadAsync(new byte[64], cancellationToken);

        await pty.DisposeAsync();

        var error = await Assert.ThrowsAsync<LinkClosedException>(async () => await pending);
        Assert.That(error!.Endpoint, Is.EqualTo(pty.SubordinatePath));
        Assert.That(error.Message, Does.Contain(pty.SubordinatePath));
        Assert.That(link.Statistics.LastError, Is.Not.Null);
    }

    [Test]
    public void Open_MissingDevice_ThrowsLinkClosedExceptionNamingPath()
    {
        var error = Assert.Throws<LinkClosedException>(() => TtyLink.Open("payload", "/dev/ttyUSB-usochil-missing", new SerialSettings(), TestLog.Silent));
        Assert.That(error!.Endpoint, Is.EqualTo("/dev/ttyUSB-usochil-missing"));
    }

    [Test]
    public void Open_NotATerminal_ThrowsLinkException()
    {
        var error = Assert.Throws<LinkException>(() => TtyLink.Open("payload", "/dev/null", new SerialSettings(), TestLog.Silent));
        Assert.That(error!.Message, Does.Contain("not a terminal"));
    }

    [TestCase(9600, 7, "even", 2, "xonxoff")]
    [TestCase(115200, 8, "none", 1, "none")]
    [TestCase(921600, 8, "odd", 1, "rtscts")]
    [CancelAfter(10_000)]
    public async Task Open_LineSettings_AppliedToTheTty(int baud, int dataBits, string parity, double stopBits, string flow, CancellationToken cancellationToken)
    {
        await using PtyPair pty = PtyPair.Open("adapter", TestLog.Silent);
        var settings = new SerialSettings { Baud = baud, DataBits = dataBits, Parity = parity, StopBits = stopBits, FlowControl = flow };
        await using TtyLink link = TtyLink.Open("payload", pty.SubordinatePath, settings, TestLog.Silent);

        // stty reads the settings back from the kernel through a descriptor of its own.
        (int exit, string output, string error) = await PythonProcess.RunAsync("/usr/bin/stty", ["-F", pty.SubordinatePath, "-a"], null, cancellationToken);

        Assert.That(exit, Is.Zero, error);
        Assert.That(output, Does.Contain($"speed {baud} baud"));
        // The pty driver forces cs8 and clears parenb whatever was asked (a pty has no UART); the rest sticks.
        Assert.That(output, Does.Contain(" cs8"));
        Assert.That(output, Does.Contain(parity == "none" ? "-inpck" : " inpck"));
        Assert.That(output, Does.Contain(parity == "odd" ? " parodd" : "-parodd"));
        Assert.That(output, Does.Contain(stopBits > 1 ? " cstopb" : "-cstopb"));
        Assert.That(output, Does.Contain(flow == "rtscts" ? " crtscts" : "-crtscts"));
        Assert.That(output, Does.Contain(flow == "xonxoff" ? " ixon ixoff" : "-ixon -ixoff"));
        Assert.That(output, Does.Contain("-echo "));
        Assert.That(output, Does.Contain("-icanon"));
    }

    [Test]
    public void Open_NonStandardBaud_ThrowsLinkException()
    {
        Assert.That(async () =>
        {
            await using PtyPair pty = PtyPair.Open("adapter", TestLog.Silent);
            await using TtyLink link = TtyLink.Open("payload", pty.SubordinatePath, new SerialSettings { Baud = 12345 }, TestLog.Silent);
        }, Throws.InstanceOf<LinkException>().With.Message.Contains("12345"));
    }
}
