using System.Text.Json;
using Npgsql;
using NpgsqlTypes;
using UsocHil.Expectations;
using UsocHil.Results;

namespace UsocHil.Central;

/// <summary>
/// Writes one sealed run of a station into the central archive in one transaction, so that a run is either wholly
/// there or not at all; every table goes in by COPY. Values are written exactly as the station archive holds them
/// (times as its text, non-finite numbers as null), so the run's seal can be recomputed at the centre.
/// </summary>
internal static class CentralRunWriter
{
    // Telemetry read ahead of the COPY that sends it (figure 9 of docs/PERFORMANCE.md).
    private const int BatchSize = 2048;
    private const int BatchesAhead = 16;

    public static async Task WriteAsync(NpgsqlConnection c, NpgsqlTransaction tx, string station, RunRecord run, TelemetryStream telemetry, string pushedWall, CancellationToken ct)
    {
        RunSummary s = run.Summary;

        // The telemetry is read from the station while the run's other rows go in.
        await using ReadAhead<TelemetryRow> batches = new ReadAhead<TelemetryRow>(telemetry.Rows, BatchSize, BatchesAhead).Start();
        await using (var upsert = new NpgsqlCommand("INSERT INTO stations(name, first_push_wall) VALUES (@s, @w) ON CONFLICT (name) DO NOTHING", c, tx))
        {
            upsert.Parameters.AddWithValue("s", station);
            upsert.Parameters.AddWithValue("w", pushedWall);
            await upsert.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }

        long id;
        await using (var insert = new NpgsqlCommand("""
            INSERT INTO runs(station, station_run_id, rig, unit_serial, sequence, sequence_sha256, station_sha256, software_version, operator,
                started_rig, started_wall, ended_rig, ended_wall, outcome, seal_seq, record_hash, previous_hash, pushed_wall,
                sequence_status, sequence_validated_on, item_kind)
            VALUES (@station, @run, @rig, @unit, @sequence, @sequenceSha, @stationSha, @version, @operator,
                @startedRig, @startedWall, @endedRig, @endedWall, @outcome, @seal, @hash, @previous, @pushed,
                @sequenceStatus, @validatedOn, @itemKind)
            RETURNING id
            """, c, tx))
        {
            insert.Parameters.AddWithValue("station", station);
            insert.Parameters.AddWithValue("run", s.Id);
            insert.Parameters.AddWithValue("rig", s.Header.Rig);
            insert.Parameters.AddWithValue("unit", Text(s.Header.UnitSerial));
            insert.Parameters.AddWithValue("sequence", s.Header.Sequence);
            insert.Parameters.AddWithValue("sequenceSha", Text(s.Header.SequenceSha256));
            insert.Parameters.AddWithValue("stationSha", Text(s.Header.StationSha256));
            insert.Parameters.AddWithValue("version", Text(s.Header.SoftwareVersion));
            insert.Parameters.AddWithValue("operator", Text(s.Header.Operator));
            insert.Parameters.AddWithValue("startedRig", ArchiveTime.ToText(s.StartedRig));
            insert.Parameters.AddWithValue("startedWall", ArchiveTime.ToText(s.StartedWall));
            insert.Parameters.AddWithValue("endedRig", ArchiveTime.ToDb(s.EndedRig));
            insert.Parameters.AddWithValue("endedWall", ArchiveTime.ToDb(s.EndedWall));
            insert.Parameters.AddWithValue("outcome", s.Outcome.ToText());
            insert.Parameters.AddWithValue("seal", s.SealSequence!.Value);
            insert.Parameters.AddWithValue("hash", s.RecordHash!);
            insert.Parameters.AddWithValue("previous", Text(s.PreviousHash));
            insert.Parameters.AddWithValue("pushed", pushedWall);
            insert.Parameters.AddWithValue("sequenceStatus", Text(s.Header.SequenceStatus));
            insert.Parameters.AddWithValue("validatedOn", Text(ArchiveJson.Words(s.Header.SequenceValidatedOn)));
            insert.Parameters.AddWithValue("itemKind", Text(s.Header.ItemKind));
            id = (long)(await insert.ExecuteScalarAsync(ct).ConfigureAwait(false))!;
        }

        await CopyAsync(c, "transitions(run_id, time, from_state, to_state, trigger)", run.Transitions,
            t => Row(id, ArchiveTime.ToText(t.Time), t.From, t.To, t.Trigger), ct).ConfigureAwait(false);
        await CopyAsync(c, "steps(run_id, step_index, name, kind, started, ended, outcome, message)", run.Steps,
            st => Row(id, st.Index, st.Name, st.Kind, ArchiveTime.ToText(st.Started), Time(st.Ended), st.Outcome, st.Message), ct).ConfigureAwait(false);
        await CopyAsync(c, "measurements(run_id, step_index, time, name, parameters, value, unit, expectation, low, high, hard_low, hard_high, verdict, margin, culprit, message, evidence)",
            run.Measurements, m => Measurement(id, m), ct).ConfigureAwait(false);
        await CopyAsync(c, "events(run_id, time, event_id, name, severity, data)", run.Events,
            e => Row(id, ArchiveTime.ToText(e.Time), e.Id, e.Name, e.Severity, e.Data), ct).ConfigureAwait(false);
        await CopyAsync(c, "commands(run_id, time, name, service, subtype, sequence_count, accepted, completed, failure_code, failure)", run.Commands,
            k => Row(id, ArchiveTime.ToText(k.Time), k.Name, k.Service, k.Subtype, k.SequenceCount, Time(k.Accepted), Time(k.Completed), k.FailureCode, k.Failure), ct).ConfigureAwait(false);
        await CopyAsync(c, "calibrations(run_id, sensor, model, coefficients, uncertainties, residual_rms, r_squared, points)", run.Calibrations,
            k => Row(id, k.Sensor, k.Model, ArchiveJson.Numbers(k.Coefficients), ArchiveJson.Numbers(k.Uncertainties), Real(k.ResidualRms), Real(k.RSquared), ArchiveJson.Points(k.Points)), ct).ConfigureAwait(false);
        await CopyAsync(c, "uncertainty_budgets(run_id, time, subject, kind, unit, combined, nu_eff, coverage_factor, expanded, probability, components)", run.Budgets,
            b => Row(id, ArchiveTime.ToText(b.Time), b.Subject, b.Kind, b.Unit, Real(b.Combined), Real(double.IsInfinity(b.EffectiveDegreesOfFreedom) ? null : b.EffectiveDegreesOfFreedom),
                Real(b.CoverageFactor), Real(b.Expanded), Real(b.CoverageProbability), BudgetJson.Components(b.Components)), ct).ConfigureAwait(false);
        await CopyAsync(c, "requirement_verdicts(run_id, time, requirement, measurement, verdict)", run.Requirements,
            q => Row(id, ArchiveTime.ToText(q.Time), q.Requirement, q.Measurement, q.Verdict), ct).ConfigureAwait(false);
        await WriteTelemetryAsync(c, tx, id, telemetry.Parameters, batches, ct).ConfigureAwait(false);
        await CentralPackets.WriteAsync(c, id, telemetry.Packets, ct).ConfigureAwait(false);
    }

    private static async Task WriteTelemetryAsync(NpgsqlConnection c, NpgsqlTransaction tx, long runId, IReadOnlyList<string> parameters, ReadAhead<TelemetryRow> batches, CancellationToken ct)
    {
        CentralParameterNames names = await CentralParameterNames.InsertAsync(c, tx, parameters, ct).ConfigureAwait(false);
        await using (TelemetryCopy copy = await TelemetryCopy.BeginAsync(c, runId, CopyTimeout, ct).ConfigureAwait(false))
        {
            await foreach (ArraySegment<TelemetryRow> batch in batches.ReadBatchesAsync(ct).ConfigureAwait(false))
            {
                await copy.WriteAsync(batch, names, ct).ConfigureAwait(false);
            }

            await copy.CompleteAsync(ct).ConfigureAwait(false);
        }

        await names.DeleteUnusedAsync(c, tx, ct).ConfigureAwait(false);
    }

    private static object?[] Measurement(long id, MeasurementRow m)
    {
        JudgedResult? x = m.Judged;
        return Row(id, m.StepIndex, ArchiveTime.ToText(m.Time), m.Name,
            x is null ? null : JsonSerializer.Serialize(x.Parameters, ArchiveJson.Options), Real(m.Value), m.Unit,
            x?.Expectation, Real(x?.Low), Real(x?.High), Real(x?.HardLow), Real(x?.HardHigh), x?.Verdict.ToText(),
            Real(x?.Margin), x?.Culprit, x?.Message, x is null ? null : ArchiveJson.Evidence(x.Evidence));
    }

    private static async Task CopyAsync<T>(NpgsqlConnection c, string table, IReadOnlyList<T> rows, Func<T, object?[]> values, CancellationToken ct)
    {
        if (rows.Count == 0)
        {
            return;
        }

        await using NpgsqlBinaryImporter copy = await BeginCopyAsync(c, table, ct).ConfigureAwait(false);
        foreach (T row in rows)
        {
            await copy.StartRowAsync(ct).ConfigureAwait(false);
            foreach (object? value in values(row))
            {
                await WriteValueAsync(copy, value, ct).ConfigureAwait(false);
            }
        }

        await copy.CompleteAsync(ct).ConfigureAwait(false);
    }

    /// <summary>
    /// A COPY of a long run may keep the server busy for longer than a command's usual 30 s at its end; a dead centre
    /// is still noticed, only later.
    /// </summary>
    private static async Task<NpgsqlBinaryImporter> BeginCopyAsync(NpgsqlConnection c, string table, CancellationToken ct)
    {
        NpgsqlBinaryImporter copy = await c.BeginBinaryImportAsync($"COPY {table} FROM STDIN (FORMAT BINARY)", ct).ConfigureAwait(false);
        copy.Timeout = CopyTimeout;
        return copy;
    }

    private static readonly TimeSpan CopyTimeout = TimeSpan.FromMinutes(10);

    private static Task WriteValueAsync(NpgsqlBinaryImporter copy, object? value, CancellationToken ct) => value switch
    {
        null => copy.WriteNullAsync(ct),
        long l => copy.WriteAsync(l, NpgsqlDbType.Bigint, ct),
        int i => copy.WriteAsync(i, NpgsqlDbType.Integer, ct),
        double d => copy.WriteAsync(d, NpgsqlDbType.Double, ct),
        string s => copy.WriteAsync(s, NpgsqlDbType.Text, ct),
        _ => throw new ArgumentException($"no column type for {value.GetType().Name}", nameof(value)),
    };

    private static object?[] Row(params object?[] values) => values;

    private static object Text(string? value) => (object?)value ?? DBNull.Value;

    private static string? Time(DateTimeOffset? time) => time is { } t ? ArchiveTime.ToText(t) : null;

    /// <summary>As the station archive keeps numbers: NaN (no value) as null.</summary>
    private static double? Real(double? value) => value is { } v && !double.IsNaN(v) ? v : null;
}
