using Npgsql;

namespace UsocHil.Central;

/// <summary>
/// The centre's ids of the parameter names a pushed run may use, known before its first telemetry row is copied. The
/// station offers every name its archive knows (the run's own would take a scan of the run's rows first); names new to
/// the centre are inserted in the push's transaction, and those the run's rows never used are deleted again before it
/// commits, so the centre gains exactly the run's names, as when only those were offered.
/// </summary>
internal sealed class CentralParameterNames
{
    private readonly Dictionary<string, Name> _names;

    private CentralParameterNames(Dictionary<string, Name> names) => _names = names;

    public static async Task<CentralParameterNames> InsertAsync(NpgsqlConnection c, NpgsqlTransaction tx, IReadOnlyList<string> offered, CancellationToken ct)
    {
        var names = new Dictionary<string, Name>(offered.Count, StringComparer.Ordinal);
        var inserted = new HashSet<long>();
        await using var upsert = new NpgsqlCommand("""
            INSERT INTO parameter_names(name) SELECT unnest(@names) ON CONFLICT (name) DO NOTHING RETURNING id;
            SELECT id, name FROM parameter_names WHERE name = ANY(@names);
            """, c, tx);
        upsert.Parameters.AddWithValue("names", offered.ToArray());
        await using (NpgsqlDataReader r = await upsert.ExecuteReaderAsync(ct).ConfigureAwait(false))
        {
            while (await r.ReadAsync(ct).ConfigureAwait(false))
            {
                inserted.Add(r.GetInt64(0));
            }

            await r.NextResultAsync(ct).ConfigureAwait(false);
            while (await r.ReadAsync(ct).ConfigureAwait(false))
            {
                long id = r.GetInt64(0);
                names[r.GetString(1)] = new Name(id, inserted.Contains(id));
            }
        }

        return new CentralParameterNames(names);
    }

    /// <summary>The centre's id of <paramref name="parameter"/>, which the run's rows are now known to use.</summary>
    public long Use(string parameter)
    {
        Name name = _names[parameter];
        name.Used = true;
        return name.Id;
    }

    /// <summary>Deletes the names this push inserted that the run's rows did not use; call once every row is copied.</summary>
    public async Task DeleteUnusedAsync(NpgsqlConnection c, NpgsqlTransaction tx, CancellationToken ct)
    {
        long[] unused = [.. _names.Values.Where(n => n.Inserted && !n.Used).Select(n => n.Id)];
        if (unused.Length == 0)
        {
            return;
        }

        await using var delete = new NpgsqlCommand("DELETE FROM parameter_names WHERE id = ANY(@ids)", c, tx);
        delete.Parameters.AddWithValue("ids", unused);
        await delete.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
    }

    private sealed class Name(long id, bool inserted)
    {
        public long Id { get; } = id;

        public bool Inserted { get; } = inserted;

        public bool Used { get; set; }
    }
}
