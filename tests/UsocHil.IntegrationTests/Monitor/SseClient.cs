using System.Text;
using System.Text.Json;
using System.Threading.Channels;

namespace UsocHil.IntegrationTests.Monitor;

/// <summary>A minimal server-sent events reader over HttpClient: each message becomes (event name, JSON data).</summary>
internal sealed class SseClient : IAsyncDisposable
{
    private readonly HttpClient _http = new() { Timeout = Timeout.InfiniteTimeSpan };
    private readonly Channel<SseMessage> _messages = Channel.CreateUnbounded<SseMessage>();
    private readonly CancellationTokenSource _stop = new();
    private Task _reader = Task.CompletedTask;

    public int Received { get; private set; }

    public static async Task<SseClient> ConnectAsync(Uri url, CancellationToken cancellationToken)
    {
        var client = new SseClient();
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Accept.ParseAdd("text/event-stream");
        HttpResponseMessage response = await client._http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        response.EnsureSuccessStatusCode();
        Stream stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        client._reader = client.ReadAsync(stream, client._stop.Token);
        return client;
    }

    /// <summary>Reads messages until one named <paramref name="name"/> satisfies <paramref name="match"/>.</summary>
    public async Task<JsonElement> WaitForAsync(string name, Func<JsonElement, bool> match, CancellationToken cancellationToken)
    {
        while (true)
        {
            SseMessage message = await _messages.Reader.ReadAsync(cancellationToken);
            if (message.Event == name && match(message.Data))
            {
                return message.Data;
            }
        }
    }

    public Task<JsonElement> WaitForAsync(string name, CancellationToken cancellationToken) => WaitForAsync(name, _ => true, cancellationToken);

    /// <summary>Reads until the run's end arrives: its <c>finished</c> event, or a snapshot (after a resync) that holds it.</summary>
    public async Task WaitForEndAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            SseMessage message = await _messages.Reader.ReadAsync(cancellationToken);
            if (message.Event == "finished" || (message.Event == "snapshot" && message.Data.GetProperty("finished").ValueKind == JsonValueKind.Object))
            {
                return;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _http.Dispose();
        try
        {
            await _reader;
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException or ObjectDisposedException or HttpRequestException)
        {
        }

        _stop.Dispose();
    }

    private async Task ReadAsync(Stream stream, CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(stream, Encoding.UTF8);
        string name = "message";
        var data = new StringBuilder();
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            if (line.Length == 0)
            {
                if (data.Length > 0)
                {
                    Received++;
                    using var document = JsonDocument.Parse(data.ToString());
                    _messages.Writer.TryWrite(new SseMessage(name, document.RootElement.Clone()));
                }

                name = "message";
                data.Clear();
            }
            else if (line.StartsWith("event: ", StringComparison.Ordinal))
            {
                name = line["event: ".Length..];
            }
            else if (line.StartsWith("data: ", StringComparison.Ordinal))
            {
                data.Append(line["data: ".Length..]);
            }
        }

        _messages.Writer.TryComplete();
    }

    private sealed record SseMessage(string Event, JsonElement Data);
}
