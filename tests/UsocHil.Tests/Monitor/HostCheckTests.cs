using System.Net;
using Microsoft.AspNetCore.Http;
using UsocHil.Monitor;

namespace UsocHil.Tests.Monitor;

public sealed class HostCheckTests
{
    [TestCase("127.0.0.1:8642", "127.0.0.1", true)]
    [TestCase("127.0.0.1", "127.0.0.1", true)]
    [TestCase("localhost:8642", "127.0.0.1", true)]
    [TestCase("LOCALHOST", "127.0.0.1", true)]
    [TestCase("[::1]:8642", "::1", true)]
    [TestCase("10.0.0.7:8642", "::ffff:10.0.0.7", true)]
    [TestCase("attacker.example:8642", "127.0.0.1", false)]
    [TestCase("127.0.0.1.nip.io:8642", "127.0.0.1", false)]
    [TestCase("127.0.0.2:8642", "127.0.0.1", false)]
    [TestCase("127.0.0.1:80", "127.0.0.1", false)]
    [TestCase("", "127.0.0.1", false)]
    public void Refuse_HostHeader_OnlyTheAddressItArrivedOnOrLocalhostWithItsPort(string host, string local, bool served)
    {
        var context = new DefaultHttpContext();
        context.Request.Host = new HostString(host);
        context.Connection.LocalIpAddress = IPAddress.Parse(local);
        context.Connection.LocalPort = 8642;

        Assert.That(HostCheck.Refuse(context) is null, Is.EqualTo(served));
    }
}
