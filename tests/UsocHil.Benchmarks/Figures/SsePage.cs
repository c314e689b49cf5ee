using System.Net;
using System.Net.Sockets;
using System.Text;

namespace UsocHil.Benchmarks.Figures;

/// <summary>A monitor page as the benchmark plays it: a real HTTP client reading the live server-sent event stream, or one that asks and never reads.</summary>
internal sealed class SsePage : IAsyncDisposable
{
    private readonly HttpClient? _http;
    private readonly TcpClient? _stalled;
    private readonly CancellationTokenSource _stop = new();
    private Task _reader = Task.CompletedTask;
    private long _messages;

    private SsePage(HttpClient? http, TcpClient? stalled)
    {
        _http = http;
        _stalled = stalled;
    }

    /// <summary>Server-sent messages read so far.</summary>
    public long Messages => Interlocked.Read(ref _messages);

    public static async Task<SsePage> ReadingAsync(Uri events, CancellationToken cancellationToken)
    {
        var page = new SsePage(new HttpClient { Timeout = Timeout.InfiniteTimeSpan }, null);
        var request = new HttpRequestMessage(HttpMethod.Get, events);
        request.Headers.Accept.ParseAdd("text/event-stream");
        HttpResponseMessage response = await page._http!.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        response.EnsureSuccessStatusCode();
        Stream stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        page._reader = page.ReadAsync(stream, page._stop.Token);
        return page;
    }

    /// <summary>Asks for the stream with a 4 KiB receive buffer and never reads: its server-side writer ends up blocked.</summary>
    public static async Task<SsePage> StalledAsync(Uri events, CancellationToken cancellationToken)
    {
        var client = new TcpClient { ReceiveBufferSize = 4096 };
        await client.ConnectAsync(IPAddress.Loopback, events.Port, cancellationToken);
        byte[] request = Encoding.ASCII.GetBytes($"GET {events.PathAndQuery} HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n");
        await client.GetStream().WriteAsync(request, cancellationToken);
        return new SsePage(null, client);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _http?.Dispose();
        _stalled?.Dispose();
        try
        {
            await _reader;
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or ObjectDisposedException or HttpRequestException)
        {
        }

        _stop.Dispose();
    }

    private async Task ReadAsync(Stream stream, CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(stream, Encoding.UTF8);
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            if (line.StartsWith("data: ", StringComparison.Ordinal))
            {
                Interlocked.Increment(ref _messages);
            }
        }
    }
}
