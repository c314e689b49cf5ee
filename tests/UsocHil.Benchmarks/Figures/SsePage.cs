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

    /// <summary>
    /// Counts the messages as a browser's EventSource would receive them, without allocating per line: the page is
    /// the benchmark's own load and must not add collections of its own to the process that runs the rig.
    /// </summary>
    private async Task ReadAsync(Stream stream, CancellationToken cancellationToken)
    {
        ReadOnlyMemory<byte> marker = "\ndata: "u8.ToArray();
        byte[] buffer = new byte[64 * 1024];
        buffer[0] = (byte)'\n';
        int carried = 1; // the stream's first line starts a line too
        while (true)
        {
            int read = await stream.ReadAsync(buffer.AsMemory(carried), cancellationToken);
            if (read == 0)
            {
                return;
            }

            int length = carried + read;
            ReadOnlySpan<byte> window = buffer.AsSpan(0, length);
            int found;
            while ((found = window.IndexOf(marker.Span)) >= 0)
            {
                Interlocked.Increment(ref _messages);
                window = window[(found + marker.Length)..];
            }

            // Keep a marker's length minus one so a marker cut between two reads is still found.
            carried = Math.Min(marker.Length - 1, length);
            buffer.AsSpan(length - carried, carried).CopyTo(buffer);
        }
    }
}
