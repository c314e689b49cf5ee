using System.Buffers.Binary;
using Npgsql;
using UsocHil.Results;

namespace UsocHil.Central;

/// <summary>
/// A run's telemetry written into the centre's table as PostgreSQL's binary COPY format, encoded here: Npgsql's
/// importer resolves and binds a parameter for each of a row's five values, which cost the push as much CPU as reading
/// the rows from the station, on a machine whose other core the server's COPY keeps busy. The format (PostgreSQL docs,
/// COPY, "Binary Format"): an 11-byte signature, flags and header extension length (int32 0 each); per row the field
/// count (int16), then per field its length (int32, -1 for NULL) and its value, big-endian; a field count of -1 ends it.
/// </summary>
internal sealed class TelemetryCopy : IAsyncDisposable
{
    private const short Fields = 5;
    private const int MaxRowBytes = 2 + (4 + 8) + (4 + 4) + (4 + 8) + (4 + 8) + (4 + 8);
    private const int FlushBytes = 64 * 1024;

    private static readonly byte[] Header = [(byte)'P', (byte)'G', (byte)'C', (byte)'O', (byte)'P', (byte)'Y', (byte)'\n', 0xFF, (byte)'\r', (byte)'\n', 0, 0, 0, 0, 0, 0, 0, 0, 0];

    private readonly NpgsqlRawCopyStream _stream;
    private readonly long _runId;
    private readonly byte[] _buffer = new byte[FlushBytes + MaxRowBytes];
    private int _length;
    private int _seq;
    private bool _complete;

    private TelemetryCopy(NpgsqlRawCopyStream stream, long runId)
    {
        _stream = stream;
        _runId = runId;
        Header.CopyTo(_buffer, 0);
        _length = Header.Length;
    }

    public static async Task<TelemetryCopy> BeginAsync(NpgsqlConnection c, long runId, TimeSpan timeout, CancellationToken ct)
    {
        NpgsqlRawCopyStream stream = await c.BeginRawBinaryCopyAsync("COPY telemetry(run_id, seq, time_us, parameter_id, value) FROM STDIN (FORMAT BINARY)", ct).ConfigureAwait(false);
        stream.WriteTimeout = stream.ReadTimeout = (int)timeout.TotalMilliseconds;
        return new TelemetryCopy(stream, runId);
    }

    /// <summary>Appends the rows, <c>seq</c> counting on from the last batch, sending each 64 KiB as it fills.</summary>
    public async ValueTask WriteAsync(ArraySegment<TelemetryRow> rows, CentralParameterNames names, CancellationToken ct)
    {
        int next = 0;
        while (next < rows.Count)
        {
            next = Encode(rows.AsSpan(next), names) + next;
            if (_length >= FlushBytes)
            {
                await _stream.WriteAsync(_buffer.AsMemory(0, _length), ct).ConfigureAwait(false);
                _length = 0;
            }
        }
    }

    /// <summary>Ends the COPY; the server has every row once this returns.</summary>
    public async Task CompleteAsync(CancellationToken ct)
    {
        BinaryPrimitives.WriteInt16BigEndian(_buffer.AsSpan(_length), -1);
        await _stream.WriteAsync(_buffer.AsMemory(0, _length + 2), ct).ConfigureAwait(false);
        _length = 0;
        _complete = true;
        await _stream.DisposeAsync().ConfigureAwait(false);
    }

    /// <summary>A COPY not completed is cancelled: ended as it is, the server would take the rows sent so far as all.</summary>
    public async ValueTask DisposeAsync()
    {
        if (!_complete)
        {
            try
            {
                await _stream.CancelAsync().ConfigureAwait(false);
            }
            catch (Exception e) when (e is NpgsqlException or IOException or InvalidOperationException)
            {
                // The connection is broken; the push fails with the error that brought it here.
            }
        }

        await _stream.DisposeAsync().ConfigureAwait(false);
    }

    /// <summary>Encodes rows until the buffer passes its flush size; returns how many it took.</summary>
    private int Encode(ReadOnlySpan<TelemetryRow> rows, CentralParameterNames names)
    {
        Span<byte> b = _buffer;
        int at = _length, taken = 0;
        while (taken < rows.Length && at < FlushBytes)
        {
            TelemetryRow row = rows[taken++];
            BinaryPrimitives.WriteInt16BigEndian(b[at..], Fields);
            at = Int64(b, at + 2, _runId);
            BinaryPrimitives.WriteInt32BigEndian(b[at..], 4);
            BinaryPrimitives.WriteInt32BigEndian(b[(at + 4)..], _seq++);
            at = Int64(b, at + 8, ArchiveTime.ToMicroseconds(row.Time));
            at = Int64(b, at, names.Use(row.Parameter));
            if (double.IsNaN(row.Value))
            {
                BinaryPrimitives.WriteInt32BigEndian(b[at..], -1);
                at += 4;
            }
            else
            {
                at = Int64(b, at, BitConverter.DoubleToInt64Bits(row.Value));
            }
        }

        _length = at;
        return taken;
    }

    private static int Int64(Span<byte> b, int at, long value)
    {
        BinaryPrimitives.WriteInt32BigEndian(b[at..], 8);
        BinaryPrimitives.WriteInt64BigEndian(b[(at + 4)..], value);
        return at + 12;
    }
}
