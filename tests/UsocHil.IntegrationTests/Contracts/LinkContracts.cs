using System.Net;
using UsocHil.Links.InMemory;
using UsocHil.Links.Serial;
using UsocHil.Links.Tcp;
using UsocHil.Description;

namespace UsocHil.IntegrationTests.Contracts;

public sealed class TtyLinkOverPtyContract : LinkContract
{
    protected override ValueTask<LinkUnderTest> CreateAsync(CancellationToken cancellationToken)
    {
        PtyPair pty = PtyPair.Open("emulator", TestLog.Silent);
        TtyLink link = TtyLink.Open("payload", pty.SubordinatePath, new SerialSettings(), TestLog.Silent);
        return ValueTask.FromResult(new LinkUnderTest(link, pty.Controller, pty.DisposeAsync, pty.DisposeAsync, pty.DisposeAsync));
    }
}

public sealed class SerialPortLinkOverPtyContract : LinkContract
{
    protected override ValueTask<LinkUnderTest> CreateAsync(CancellationToken cancellationToken)
    {
        PtyPair pty = PtyPair.Open("emulator", TestLog.Silent);
        SerialPortLink link = SerialPortLink.Open("payload", pty.SubordinatePath, new SerialSettings(), TimeProvider.System, TestLog.Silent);
        return ValueTask.FromResult(new LinkUnderTest(link, pty.Controller, pty.DisposeAsync, pty.DisposeAsync, pty.DisposeAsync));
    }
}

public sealed class TcpLinkContract : LinkContract
{
    protected override async ValueTask<LinkUnderTest> CreateAsync(CancellationToken cancellationToken)
    {
        var listener = new TcpLinkListener("emulator", TestLog.Silent);
        ValueTask<TcpLink> accepting = listener.AcceptAsync(cancellationToken);
        TcpLink client = await TcpClientLink.ConnectAsync("payload", "127.0.0.1", listener.Port, TimeSpan.FromSeconds(2), TimeProvider.System, TestLog.Silent, cancellationToken);
        TcpLink server = await accepting;
        return new LinkUnderTest(
            client,
            server,
            server.DisposeAsync,
            () =>
            {
                server.Abort();
                return ValueTask.CompletedTask;
            },
            async () =>
            {
                await server.DisposeAsync();
                await listener.DisposeAsync();
            });
    }
}

public sealed class TcpLinkIPv6Contract : LinkContract
{
    protected override async ValueTask<LinkUnderTest> CreateAsync(CancellationToken cancellationToken)
    {
        var listener = new TcpLinkListener("emulator", TestLog.Silent, IPAddress.IPv6Loopback);
        ValueTask<TcpLink> accepting = listener.AcceptAsync(cancellationToken);
        TcpLink client = await TcpClientLink.ConnectAsync("payload", "::1", listener.Port, TimeSpan.FromSeconds(2), TimeProvider.System, TestLog.Silent, cancellationToken);
        TcpLink server = await accepting;
        return new LinkUnderTest(client, server, server.DisposeAsync, () =>
        {
            server.Abort();
            return ValueTask.CompletedTask;
        }, async () =>
        {
            await server.DisposeAsync();
            await listener.DisposeAsync();
        });
    }
}

public sealed class InMemoryLinkContract : LinkContract
{
    protected override ValueTask<LinkUnderTest> CreateAsync(CancellationToken cancellationToken)
    {
        (InMemoryLink a, InMemoryLink b) = InMemoryLink.CreatePair();
        return ValueTask.FromResult(new LinkUnderTest(a, b, b.DisposeAsync, b.DisposeAsync, b.DisposeAsync));
    }
}
