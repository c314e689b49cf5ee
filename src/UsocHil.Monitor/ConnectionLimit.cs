using System.Buffers;
using System.IO.Pipelines;
using System.Text;
using Microsoft.AspNetCore.Connections;

namespace UsocHil.Monitor;

/// <summary>
/// Bounds the monitor's open connections, below Kestrel's HTTP layer. Every connection costs a file descriptor, and
/// the run shares the process's descriptors with its links, archive and log: without a bound, a few hundred stalled
/// clients leave the run none and bring the harness down mid-run with the rig powered. A connection beyond
/// <see cref="Limit"/> has its request head read (briefly, so the close is an orderly one the client can read), is
/// answered 503 with Retry-After, counted and closed at once.
/// </summary>
internal sealed class ConnectionLimit(int limit, RefusalLog refusals, TimeProvider time, AcceptGate? gate = null)
{
    private const int MaxHeadBytes = 8 * 1024;
    private static readonly TimeSpan s_headWait = TimeSpan.FromMilliseconds(500);

    private static readonly byte[] s_refusal = Encoding.ASCII.GetBytes(
        "HTTP/1.1 503 Service Unavailable\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: 42\r\n" +
        "Retry-After: 5\r\nConnection: close\r\nCache-Control: no-store\r\n" + SecurityHeaders.Raw +
        "\r\nthe monitor has too many connections open\n");

    private int _open;
    private int _refusing;

    public int Limit => limit;

    /// <summary>How many connections may be in the middle of being refused at once, beyond <see cref="Limit"/>.</summary>
    public static int RefusingBudget(int limit) => Math.Max(4, limit / 2);

    /// <summary>Connections being served now.</summary>
    public int Open => Volatile.Read(ref _open);

    public ConnectionDelegate Wrap(ConnectionDelegate next) => async connection =>
    {
        try
        {
            await ServeAsync(next, connection).ConfigureAwait(false);
        }
        finally
        {
            gate?.Release();
        }
    };

    private async Task ServeAsync(ConnectionDelegate next, ConnectionContext connection)
    {
        if (Interlocked.Increment(ref _open) > limit)
        {
            Interlocked.Decrement(ref _open);
            await RefuseAsync(connection).ConfigureAwait(false);
            return;
        }

        try
        {
            await next(connection).ConfigureAwait(false);
        }
        finally
        {
            Interlocked.Decrement(ref _open);
        }
    }

    private async Task RefuseAsync(ConnectionContext connection)
    {
        refusals.Refuse(RefusalKind.ConnectionLimit, connection.RemoteEndPoint?.ToString() ?? "?", $"{limit} connections are open already");
        try
        {
            // Refusals being read are bounded too; beyond them a refusal is answered without reading.
            if (Interlocked.Increment(ref _refusing) <= RefusingBudget(limit))
            {
                await SkipHeadAsync(connection.Transport.Input, time).ConfigureAwait(false);
            }

            await connection.Transport.Output.WriteAsync(s_refusal).ConfigureAwait(false);
            await connection.Transport.Output.CompleteAsync().ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or ConnectionResetException or OperationCanceledException or InvalidOperationException)
        {
            // The client went away first: nothing to answer.
        }
        finally
        {
            Interlocked.Decrement(ref _refusing);
        }
    }

    private static async Task SkipHeadAsync(PipeReader input, TimeProvider time)
    {
        using var wait = new CancellationTokenSource(s_headWait, time);
        try
        {
            while (true)
            {
                ReadResult read = await input.ReadAsync(wait.Token).ConfigureAwait(false);
                ReadOnlySequence<byte> buffer = read.Buffer;
                bool ended = buffer.Length >= MaxHeadBytes || read.IsCompleted || buffer.ToArray().AsSpan().IndexOf("\r\n\r\n"u8) >= 0;
                // Examined, not consumed: the next read sees the whole head so far, however it was split.
                input.AdvanceTo(buffer.Start, buffer.End);
                if (ended)
                {
                    return;
                }
            }
        }
        catch (OperationCanceledException)
        {
            // A client that says nothing gets its 503 anyway.
        }
    }
}
