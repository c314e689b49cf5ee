using System.Runtime.CompilerServices;
using System.Threading.Channels;
using UsocHil.Results;

namespace UsocHil.Central;

/// <summary>
/// Reads a station's telemetry on its own thread, a few batches ahead of the COPY that sends it, so that reading the
/// station archive and writing to the centre overlap instead of taking turns.
/// </summary>
internal static class TelemetryBatches
{
    private const int BatchSize = 8192;
    private const int BatchesAhead = 8;

    public static async IAsyncEnumerable<TelemetryRow[]> ReadAheadAsync(IEnumerable<TelemetryRow> rows, [EnumeratorCancellation] CancellationToken ct)
    {
        var channel = Channel.CreateBounded<TelemetryRow[]>(new BoundedChannelOptions(BatchesAhead) { SingleReader = true, SingleWriter = true });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        Task reading = Task.Run(() => Read(rows, channel.Writer, stop.Token), CancellationToken.None);
        try
        {
            await foreach (TelemetryRow[] batch in channel.Reader.ReadAllAsync(ct).ConfigureAwait(false))
            {
                yield return batch;
            }
        }
        finally
        {
            // A COPY that failed stops the reader before the store's read ends underneath it.
            await stop.CancelAsync().ConfigureAwait(false);
            await reading.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        await reading.ConfigureAwait(false);
    }

    private static void Read(IEnumerable<TelemetryRow> rows, ChannelWriter<TelemetryRow[]> writer, CancellationToken ct)
    {
        try
        {
            var batch = new List<TelemetryRow>(BatchSize);
            foreach (TelemetryRow row in rows)
            {
                batch.Add(row);
                if (batch.Count == BatchSize)
                {
                    Send(writer, [.. batch], ct);
                    batch.Clear();
                }
            }

            if (batch.Count > 0)
            {
                Send(writer, [.. batch], ct);
            }

            writer.Complete();
        }
        catch (Exception e)
        {
            writer.Complete(e);
            throw;
        }
    }

    private static void Send(ChannelWriter<TelemetryRow[]> writer, TelemetryRow[] batch, CancellationToken ct)
    {
        while (!writer.TryWrite(batch))
        {
            if (!writer.WaitToWriteAsync(ct).AsTask().GetAwaiter().GetResult())
            {
                return;
            }
        }
    }
}
