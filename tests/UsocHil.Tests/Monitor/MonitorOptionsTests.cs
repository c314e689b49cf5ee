using System.Net;
using UsocHil.Monitor;

namespace UsocHil.Tests.Monitor;

public sealed class MonitorOptionsTests
{
    [TestCase(null, "127.0.0.1:8642")]
    [TestCase("", "127.0.0.1:8642")]
    [TestCase("9000", "127.0.0.1:9000")]
    [TestCase(":0", "127.0.0.1:0")]
    [TestCase("127.0.0.1:0", "127.0.0.1:0")]
    [TestCase("[::1]:8650", "[::1]:8650")]
    [TestCase("::1", "[::1]:8642")]
    [TestCase("0.0.0.0:8642", "0.0.0.0:8642")]
    public void ParseEndpoint_Forms_GiveTheEndpoint(string? text, string expected) =>
        Assert.That(MonitorOptions.ParseEndpoint(text).ToString(), Is.EqualTo(expected));

    [TestCase("localhost:80")]
    [TestCase("127.0.0.1:70000")]
    [TestCase("nonsense")]
    public void ParseEndpoint_Malformed_ThrowsFormatException(string text) =>
        Assert.That(() => MonitorOptions.ParseEndpoint(text), Throws.TypeOf<FormatException>());

    [Test]
    public void WarnIfNotLoopback_AnyAddress_Warns_Loopback_DoesNot()
    {
        Assert.That(MonitorServer.WarnIfNotLoopback(new IPEndPoint(IPAddress.Any, 8642), Serilog.Core.Logger.None), Is.True);
        Assert.That(MonitorServer.WarnIfNotLoopback(new IPEndPoint(IPAddress.Loopback, 8642), Serilog.Core.Logger.None), Is.False);
        Assert.That(MonitorServer.WarnIfNotLoopback(new IPEndPoint(IPAddress.IPv6Loopback, 8642), Serilog.Core.Logger.None), Is.False);
    }
}
