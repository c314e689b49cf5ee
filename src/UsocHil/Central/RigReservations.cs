using Npgsql;
using NpgsqlTypes;
using UsocHil.Results;

namespace UsocHil.Central;

/// <summary>
/// Rig bookings kept at the centre, so that no two benches use one engineering model at once. The database refuses an
/// overlapping booking (an exclusion constraint); this class only turns that refusal into one line naming who holds the
/// rig, and lets a run check, renew and give back its lease.
/// </summary>
public sealed class RigReservations(CentralArchive centre)
{
    /// <exception cref="ReservationRefusedException">The rig is booked by someone else for part of that time.</exception>
    public async Task<Reservation> ReserveAsync(string rig, string station, string @operator, DateTimeOffset from, TimeSpan length, string? note, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(length, TimeSpan.Zero);
        try
        {
            return await centre.UseAsync(async c =>
            {
                await using var insert = new NpgsqlCommand("""
                    INSERT INTO reservations(rig, station, operator, note, during) VALUES (@rig, @station, @operator, @note, tstzrange(@from, @until, '[)'))
                    RETURNING id
                    """, c);
                insert.Parameters.AddWithValue("rig", rig);
                insert.Parameters.AddWithValue("station", station);
                insert.Parameters.AddWithValue("operator", @operator);
                insert.Parameters.AddWithValue("note", (object?)note ?? DBNull.Value);
                insert.Parameters.AddWithValue("from", NpgsqlDbType.TimestampTz, from.UtcDateTime);
                insert.Parameters.AddWithValue("until", NpgsqlDbType.TimestampTz, (from + length).UtcDateTime);
                long id = (long)(await insert.ExecuteScalarAsync(ct).ConfigureAwait(false))!;
                return new Reservation(id, rig, station, @operator, from, from + length, note);
            }, ct).ConfigureAwait(false);
        }
        catch (ResultsArchiveException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.ExclusionViolation })
        {
            Reservation? holder = (await ListAsync(from, ct).ConfigureAwait(false))
                .FirstOrDefault(r => r.Rig == rig && r.From < from + length && from < r.Until);
            throw new ReservationRefusedException(rig, holder);
        }
    }

    /// <summary>Bookings that have not ended by <paramref name="after"/>, earliest first.</summary>
    public Task<IReadOnlyList<Reservation>> ListAsync(DateTimeOffset after, CancellationToken ct) =>
        centre.UseAsync<IReadOnlyList<Reservation>>(async c =>
        {
            await using var query = new NpgsqlCommand("""
                SELECT id, rig, station, operator, lower(during), upper(during), note FROM reservations
                WHERE upper(during) > @after ORDER BY lower(during), rig
                """, c);
            query.Parameters.AddWithValue("after", NpgsqlDbType.TimestampTz, after.UtcDateTime);
            await using NpgsqlDataReader r = await query.ExecuteReaderAsync(ct).ConfigureAwait(false);
            var list = new List<Reservation>();
            while (await r.ReadAsync(ct).ConfigureAwait(false))
            {
                list.Add(new Reservation(r.GetInt64(0), r.GetString(1), r.GetString(2), r.GetString(3),
                    new DateTimeOffset(r.GetDateTime(4), TimeSpan.Zero), new DateTimeOffset(r.GetDateTime(5), TimeSpan.Zero), r.IsDBNull(6) ? null : r.GetString(6)));
            }

            return list;
        }, ct);

    /// <summary>The lease <paramref name="operator"/> holds on <paramref name="rig"/> at <paramref name="now"/>, or null.</summary>
    public async Task<Reservation?> LeaseAsync(string rig, string @operator, DateTimeOffset now, CancellationToken ct) =>
        (await ListAsync(now, ct).ConfigureAwait(false)).FirstOrDefault(r => r.Rig == rig && r.Operator == @operator && r.HeldAt(now));

    /// <summary>Moves the end of a held booking to <paramref name="until"/> (never earlier); refused when that overlaps another.</summary>
    /// <exception cref="ReservationRefusedException">Someone booked the rig after it.</exception>
    public async Task<Reservation> ExtendAsync(Reservation held, DateTimeOffset until, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(held);
        if (until <= held.Until)
        {
            return held;
        }

        try
        {
            await centre.UseAsync(async c =>
            {
                await using var extend = new NpgsqlCommand("UPDATE reservations SET during = tstzrange(lower(during), @until, '[)') WHERE id = @id", c);
                extend.Parameters.AddWithValue("id", held.Id);
                extend.Parameters.AddWithValue("until", NpgsqlDbType.TimestampTz, until.UtcDateTime);
                return await extend.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            }, ct).ConfigureAwait(false);
            return held with { Until = until };
        }
        catch (ResultsArchiveException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.ExclusionViolation })
        {
            throw new ReservationRefusedException(held.Rig, null);
        }
    }

    /// <summary>Ends the operator's current booking of the rig now (and drops their later ones); false when there was none.</summary>
    public Task<bool> ReleaseAsync(string rig, string @operator, DateTimeOffset now, CancellationToken ct) =>
        centre.UseAsync(async c =>
        {
            await using var release = new NpgsqlCommand("""
                DELETE FROM reservations WHERE rig = @rig AND operator = @operator AND lower(during) >= @now;
                UPDATE reservations SET during = tstzrange(lower(during), @now, '[)')
                WHERE rig = @rig AND operator = @operator AND during @> @now AND lower(during) < @now;
                """, c);
            release.Parameters.AddWithValue("rig", rig);
            release.Parameters.AddWithValue("operator", @operator);
            release.Parameters.AddWithValue("now", NpgsqlDbType.TimestampTz, now.UtcDateTime);
            return await release.ExecuteNonQueryAsync(ct).ConfigureAwait(false) > 0;
        }, ct);
}
