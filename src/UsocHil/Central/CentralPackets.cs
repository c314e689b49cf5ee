using Npgsql;
using NpgsqlTypes;
using UsocHil.Results;

namespace UsocHil.Central;

/// <summary>
/// The raw packet archive at the centre: the station's packets table, octets as bytea, created if missing at every
/// migration (as the station archive does), and each pushed run's packets copied in with its other rows.
/// </summary>
internal static class CentralPackets
{
    public const string Definition = """
        CREATE TABLE IF NOT EXISTS packets(id bigserial PRIMARY KEY, run_id bigint NOT NULL REFERENCES runs(id),
            received_us bigint NOT NULL, onboard_us bigint, direction text NOT NULL CHECK (direction IN ('in','out')),
            apid integer NOT NULL, sequence_count integer NOT NULL, error_control_ok integer NOT NULL, octets bytea NOT NULL);
        CREATE INDEX IF NOT EXISTS packets_run ON packets(run_id);
        """;

    /// <summary>Copies the run's packets in as they are read from <paramref name="packets"/>, which may stream from the station archive.</summary>
    public static async Task WriteAsync(NpgsqlConnection c, long runId, IEnumerable<PacketRow> packets, CancellationToken ct)
    {
        using IEnumerator<PacketRow> each = packets.GetEnumerator();
        if (!each.MoveNext())
        {
            return;
        }

        await using NpgsqlBinaryImporter copy = await c.BeginBinaryImportAsync(
            "COPY packets(run_id, received_us, onboard_us, direction, apid, sequence_count, error_control_ok, octets) FROM STDIN (FORMAT BINARY)", ct).ConfigureAwait(false);
        do
        {
            PacketRow p = each.Current;
            await copy.StartRowAsync(ct).ConfigureAwait(false);
            await copy.WriteAsync(runId, NpgsqlDbType.Bigint, ct).ConfigureAwait(false);
            await copy.WriteAsync(ArchiveTime.ToMicroseconds(p.Received), NpgsqlDbType.Bigint, ct).ConfigureAwait(false);
            if (p.Onboard is { } onboard)
            {
                await copy.WriteAsync(ArchiveTime.ToMicroseconds(onboard), NpgsqlDbType.Bigint, ct).ConfigureAwait(false);
            }
            else
            {
                await copy.WriteNullAsync(ct).ConfigureAwait(false);
            }

            await copy.WriteAsync(p.DirectionText, NpgsqlDbType.Text, ct).ConfigureAwait(false);
            await copy.WriteAsync(p.Apid, NpgsqlDbType.Integer, ct).ConfigureAwait(false);
            await copy.WriteAsync(p.SequenceCount, NpgsqlDbType.Integer, ct).ConfigureAwait(false);
            await copy.WriteAsync(p.ErrorControlGood ? 1 : 0, NpgsqlDbType.Integer, ct).ConfigureAwait(false);
            await copy.WriteAsync(p.Octets, NpgsqlDbType.Bytea, ct).ConfigureAwait(false);
        }
        while (each.MoveNext());

        await copy.CompleteAsync(ct).ConfigureAwait(false);
    }
}
