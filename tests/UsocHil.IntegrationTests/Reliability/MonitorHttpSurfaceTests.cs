using System.Net;
using System.Net.Sockets;
using System.Text;
using Serilog.Events;
using UsocHil.Monitor;

namespace UsocHil.IntegrationTests.Reliability;

/// <summary>
/// The monitor's HTTP surface as a hostile web page or a careless client meets it: real Kestrel on 127.0.0.1:0, real
/// requests written byte for byte on sockets (so Host, Origin and bodies are exactly what a browser or an attacker
/// sends). Every refusal is counted, and logged once, then as a count.
/// </summary>
[NonParallelizable]
public sealed class MonitorHttpSurfaceTests
{
    private int _aborts;
    private TestLog _log = null!;

    [SetUp]
    public void SetUp()
    {
        _aborts = 0;
        _log = new TestLog();
    }

    private Task<MonitorServer> StartAsync(CancellationToken cancellationToken, int maxConnections = 64, int maxStreams = 32) =>
        MonitorServer.StartAsync(new MonitorOptions
        {
            Endpoint = new IPEndPoint(IPAddress.Loopback, 0),
            RequestAbort = () => { Interlocked.Increment(ref _aborts); return Task.CompletedTask; },
            MaxConnections = maxConnections,
            MaxEventStreams = maxStreams,
        }, _log.Logger, cancellationToken);

    [Test]
    [CancelAfter(20_000)]
    public async Task ForeignHost_DnsRebinding_Is421_OwnAddressAndLocalhostServedWithSecurityHeaders(CancellationToken cancellationToken)
    {
        await using MonitorServer server = await StartAsync(cancellationToken);
        int port = server.Url.Port;

        RawAnswer rebound = await SendAsync(server, $"GET /api/runs HTTP/1.1\r\nHost: attacker.example:{port}\r\n\r\n", cancellationToken);
        RawAnswer otherPort = await SendAsync(server, $"GET /api/runs HTTP/1.1\r\nHost: 127.0.0.1:{port + 1}\r\n\r\n", cancellationToken);
        RawAnswer own = await SendAsync(server, $"GET /api/runs HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n\r\n", cancellationToken);
        RawAnswer local = await SendAsync(server, $"GET / HTTP/1.1\r\nHost: localhost:{port}\r\n\r\n", cancellationToken);

        Assert.That((rebound.Status, otherPort.Status, own.Status, local.Status), Is.EqualTo((421, 421, 200, 200)));
        Assert.That(rebound.Body, Does.Not.Contain("live"), "no telemetry or run list for a foreign Host");
        foreach (RawAnswer answer in new[] { rebound, own, local })
        {
            Assert.That(answer.Header("X-Content-Type-Options"), Is.EqualTo("nosniff"));
            Assert.That(answer.Header("X-Frame-Options"), Is.EqualTo("DENY"));
            Assert.That(answer.Header("Referrer-Policy"), Is.EqualTo("no-referrer"));
            Assert.That(answer.Header("Content-Security-Policy"), Does.Contain("frame-ancestors 'none'").And.Contain("script-src 'self'"));
        }

        Assert.That(server.Guards.Refusals.Count(RefusalKind.Host), Is.EqualTo(2));
        ReliabilityRecord.Write("security", "monitor asked with a foreign Host (DNS rebinding) or another port", 2,
            "421, no run data; its own address and localhost served; nosniff, DENY, CSP and no-referrer on every answer");
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task Abort_ForeignOriginFormAndHugeBodies_RefusedWithoutAbortOrUnloggedFault_RightTokenFromThePageStillAborts(CancellationToken cancellationToken)
    {
        await using MonitorServer server = await StartAsync(cancellationToken);
        string host = $"127.0.0.1:{server.Url.Port}";
        string token = server.AbortToken;

        RawAnswer crossSite = await SendAsync(server, Post(host, $"X-Abort-Token: {token}\r\nOrigin: http://attacker.example\r\nSec-Fetch-Site: cross-site\r\n"), cancellationToken);
        RawAnswer form = await SendAsync(server, Post(host, "Origin: http://attacker.example\r\nContent-Type: application/x-www-form-urlencoded\r\n", $"token={token}"), cancellationToken);
        RawAnswer ownForm = await SendAsync(server, Post(host, "Content-Type: application/x-www-form-urlencoded\r\n", $"token={token}"), cancellationToken);
        RawAnswer malformedForm = await SendAsync(server, Post(host, "Content-Type: multipart/form-data; boundary=\r\n", "--\r\n\r\n%%%"), cancellationToken);
        RawAnswer huge = await SendAsync(server, $"POST /api/abort HTTP/1.1\r\nHost: {host}\r\nContent-Length: 104857600\r\n\r\n" + new string('x', 4096), cancellationToken);
        RawAnswer chunked = await SendAsync(server, $"POST /api/abort HTTP/1.1\r\nHost: {host}\r\nTransfer-Encoding: chunked\r\n\r\n2000\r\n{new string('x', 0x2000)}\r\n0\r\n\r\n", cancellationToken);
        Assert.That(_aborts, Is.Zero, "nothing but the page's own request with the token aborts");
        Assert.That((crossSite.Status, form.Status, ownForm.Status, malformedForm.Status, huge.Status, chunked.Status), Is.EqualTo((403, 403, 400, 400, 413, 413)));

        RawAnswer page = await SendAsync(server, Post(host, $"X-Abort-Token: {token}\r\nOrigin: http://{host}\r\nSec-Fetch-Site: same-origin\r\n"), cancellationToken);
        Assert.That(page.Status, Is.EqualTo(202));
        Assert.That(_aborts, Is.EqualTo(1));
        Assert.That(_log.Events.Where(e => e.Level >= LogEventLevel.Error), Is.Empty, "no fault of the monitor's own");
        ReliabilityRecord.Write("security", "monitor abort with the right token from another site, as a form post, malformed form, 100 MB and chunked 8 KiB bodies", 6,
            "403/403/400/400/413/413, no abort, no 500; the page's own request with the token in its header aborted (202)");
    }

    [Test]
    [CancelAfter(20_000)]
    public async Task MalformedRequestLineAndHugeHeaders_RefusedByKestrel_AreCountedAndLogged(CancellationToken cancellationToken)
    {
        await using MonitorServer server = await StartAsync(cancellationToken);
        string host = $"127.0.0.1:{server.Url.Port}";

        RawAnswer garbage = await SendAsync(server, "\u0001\u0002 NOT HTTP\r\n\r\n", cancellationToken);
        RawAnswer hugeHeaders = await SendAsync(server, $"GET / HTTP/1.1\r\nHost: {host}\r\nX-Filler: {new string('a', 64 * 1024)}\r\n\r\n", cancellationToken);

        Assert.That((garbage.Status, hugeHeaders.Status), Is.EqualTo((400, 431)));
        Assert.That(server.Guards.Refusals.Count(RefusalKind.BadRequest), Is.EqualTo(2));
        Assert.That(_log.Events.Count(e => e.MessageTemplate.Text.StartsWith("Monitor refused", StringComparison.Ordinal)), Is.EqualTo(1), "logged once, then counted");
        ReliabilityRecord.Write("security", "monitor sent a malformed request line and 64 KiB of headers", 2, "400 and 431 from Kestrel, both counted, one log line");
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task Abort_FloodOfWrongTokens_RateLimited429AndLoggedAsACount_TheRightTokenStillAborts(CancellationToken cancellationToken)
    {
        const int Flood = 200;
        await using MonitorServer server = await StartAsync(cancellationToken);
        using var http = new HttpClient();
        var url = new Uri(server.Url, "api/abort");
        var statuses = new List<int>();
        for (int i = 0; i < Flood; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, url) { Headers = { { AbortGate.HeaderName, $"GUESS{i:D7}" } } };
            using HttpResponseMessage response = await http.SendAsync(request, cancellationToken);
            statuses.Add((int)response.StatusCode);
        }

        using var right = new HttpRequestMessage(HttpMethod.Post, url) { Headers = { { AbortGate.HeaderName, server.AbortToken } } };
        using HttpResponseMessage accepted = await http.SendAsync(right, cancellationToken);

        Assert.That(statuses.Distinct().Order(), Is.EqualTo(new[] { 403, 429 }));
        Assert.That(statuses.Count(s => s == 429), Is.GreaterThan(Flood / 2));
        Assert.That((int)accepted.StatusCode, Is.EqualTo(202), "a flood of guesses must not lock the operator out");
        Assert.That(_aborts, Is.EqualTo(1));
        int refusalLines = _log.Events.Count(e => e.MessageTemplate.Text.StartsWith("Monitor refused", StringComparison.Ordinal) || e.MessageTemplate.Text.StartsWith("Monitor has refused", StringComparison.Ordinal));
        Assert.That(refusalLines, Is.LessThanOrEqualTo(2), "one line per kind of refusal, not one per request");
        long counted = server.Guards.Refusals.Count(RefusalKind.Token) + server.Guards.Refusals.Count(RefusalKind.RateLimit);
        Assert.That(counted, Is.EqualTo(Flood));
        ReliabilityRecord.Write("security", "monitor abort flooded with wrong tokens", Flood,
            $"{statuses.Count(s => s == 403)} answered 403, {statuses.Count(s => s == 429)} 429; {refusalLines} log lines, every refusal counted; the right token still aborted");
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task StalledStreamsAndConnections_BeyondTheLimits_503Counted_ThePageStillServed(CancellationToken cancellationToken)
    {
        await using MonitorServer server = await StartAsync(cancellationToken, maxConnections: 6, maxStreams: 3);
        string host = $"127.0.0.1:{server.Url.Port}";
        var held = new List<TcpClient>();
        try
        {
            for (int i = 0; i < 3; i++)
            {
                held.Add(await StallAsync(server, $"GET /api/runs/live/events HTTP/1.1\r\nHost: {host}\r\n\r\n", cancellationToken));
            }

            while (server.Guards.Streams.Open < 3)
            {
                await Task.Delay(10, cancellationToken);
            }

            RawAnswer fourthStream = await SendAsync(server, $"GET /api/runs/live/events HTTP/1.1\r\nHost: {host}\r\n\r\n", cancellationToken);
            RawAnswer page = await SendAsync(server, $"GET / HTTP/1.1\r\nHost: {host}\r\n\r\n", cancellationToken);
            Assert.That((fourthStream.Status, fourthStream.Header("Retry-After"), fourthStream.Header("Connection")), Is.EqualTo((503, "5", "close")));
            Assert.That(page.Status, Is.EqualTo(200), "the page is served while every stream slot is taken");

            for (int i = 0; i < 3; i++)
            {
                held.Add(await StallAsync(server, "", cancellationToken)); // connects and says nothing
            }

            while (server.Guards.Connections.Open < 6)
            {
                await Task.Delay(10, cancellationToken);
            }

            RawAnswer beyond = await SendAsync(server, $"GET / HTTP/1.1\r\nHost: {host}\r\n\r\n", cancellationToken);
            Assert.That((beyond.Status, beyond.Header("X-Frame-Options")), Is.EqualTo((503, "DENY")));
            Assert.That(server.Guards.Refusals.Count(RefusalKind.EventStreamLimit), Is.EqualTo(1));
            Assert.That(server.Guards.Refusals.Count(RefusalKind.ConnectionLimit), Is.EqualTo(1));
        }
        finally
        {
            held.ForEach(c => c.Dispose());
        }

        ReliabilityRecord.Write("security", "monitor: event streams and silent connections beyond its limits (3 streams, 6 connections)", 2,
            "503 with Retry-After and Connection: close, counted; the page still served while the streams were full");
    }

    private static string Post(string host, string headers, string body = "") =>
        $"POST /api/abort HTTP/1.1\r\nHost: {host}\r\n{headers}Content-Length: {Encoding.UTF8.GetByteCount(body)}\r\n\r\n{body}";

    private static async Task<TcpClient> StallAsync(MonitorServer server, string request, CancellationToken cancellationToken)
    {
        var client = new TcpClient { ReceiveBufferSize = 4096 };
        await client.ConnectAsync(IPAddress.Loopback, server.Url.Port, cancellationToken);
        await client.GetStream().WriteAsync(Encoding.ASCII.GetBytes(request), cancellationToken);
        return client;
    }

    private static async Task<RawAnswer> SendAsync(MonitorServer server, string request, CancellationToken cancellationToken)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, server.Url.Port, cancellationToken);
        NetworkStream stream = client.GetStream();
        try
        {
            await stream.WriteAsync(Encoding.ASCII.GetBytes(request), cancellationToken);
        }
        catch (IOException)
        {
            // The server answered and closed before taking the whole body (413): its answer is still there to read.
        }

        return await RawAnswer.ReadAsync(stream, cancellationToken);
    }
}
