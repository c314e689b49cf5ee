using System.Data.Common;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using UsocHil.Expectations;

namespace UsocHil.Results;

/// <summary>
/// Reads runs back from the archive, rows in the order they were recorded. The station's SQLite archive and the
/// central PostgreSQL archive keep the same tables, so one reader serves both (<see cref="RecordTables"/> says which).
/// </summary>
internal static class RunRecordReader
{
    private const string SummaryColumns =
        "id, rig, unit_serial, sequence, sequence_sha256, station_sha256, software_version, operator, started_rig, started_wall, ended_rig, ended_wall, outcome, seal_seq, record_hash, previous_hash, " +
        "sequence_status, sequence_validated_on, item_kind";

    public static List<RunSummary> Summaries(DbConnection c, DbTransaction? tx, string where = "1 = 1", params (string Name, object Value)[] args) =>
        Summaries(c, tx, RecordTables.Station, where, args);

    public static List<RunSummary> Summaries(DbConnection c, DbTransaction? tx, RecordTables tables, string where = "1 = 1", params (string Name, object Value)[] args)
    {
        string columns = tables.Central ? SummaryColumns + ", station, station_run_id" : SummaryColumns;
        return Query(c, tx, $"SELECT {columns} FROM runs WHERE {where} ORDER BY id", args, r => new RunSummary
        {
            Station = tables.Central ? r.GetString(19) : null,
            RecordedId = tables.Central ? r.GetInt64(20) : null,
            Id = r.GetInt64(0),
            Header = new RunHeader
            {
                Rig = r.GetString(1),
                UnitSerial = Text(r, 2),
                Sequence = r.GetString(3),
                SequenceSha256 = Text(r, 4),
                StationSha256 = Text(r, 5),
                SoftwareVersion = Text(r, 6),
                Operator = Text(r, 7),
                SequenceStatus = Text(r, 16),
                SequenceValidatedOn = ArchiveJson.ParseWords(Text(r, 17)),
                ItemKind = Text(r, 18),
            },
            StartedRig = ArchiveTime.Parse(r.GetString(8)),
            StartedWall = ArchiveTime.Parse(r.GetString(9)),
            EndedRig = Time(r, 10),
            EndedWall = Time(r, 11),
            Outcome = RunOutcomeText.Parse(r.GetString(12)),
            SealSequence = r.IsDBNull(13) ? null : r.GetInt64(13),
            RecordHash = Text(r, 14),
            PreviousHash = Text(r, 15),
        });
    }

    public static RunRecord? Read(DbConnection c, DbTransaction? tx, long runId, RecordTables? tables = null) =>
        Read(c, tx, runId, tables ?? RecordTables.Station, withBulk: true);

    /// <summary>
    /// The run's hash, computed with its telemetry (and, from a station archive, its transitions and steps) read a row
    /// at a time: a long run is never held in memory whole.
    /// </summary>
    public static string? Hash(DbConnection c, DbTransaction? tx, long runId, RecordTables? tables = null)
    {
        RecordTables from = tables ?? RecordTables.Station;
        SqliteConnection? station = from.Central ? null : c as SqliteConnection;
        return Read(c, tx, runId, from, withBulk: false, withSteps: station is null) is { } record
            ? RunHash.Compute(record, new ReadAhead<TelemetryRow>(StreamTelemetry(c, tx, runId, from)), new ReadAhead<PacketRow>(PacketTable.Stream(c, tx, runId, from)),
                station is null ? null : new ReadAhead<TransitionRow>(StepRowStream.Transitions(station, runId)),
                station is null ? null : new ReadAhead<StepRow>(StepRowStream.Steps(station, runId)))
            : null;
    }

    /// <summary>
    /// The run without its telemetry and packets, and those as streams read on demand; null if there is no such run.
    /// The parameter names offered are all the archive knows, not only the run's: the run's alone would take a scan of
    /// its rows before the first could be copied.
    /// </summary>
    public static (RunRecord Record, TelemetryStream Telemetry)? ReadForCopy(DbConnection c, DbTransaction? tx, long runId, RecordTables tables)
    {
        if (Read(c, tx, runId, tables, withBulk: false) is not { } record)
        {
            return null;
        }

        Dictionary<long, string> names = ParameterNames(c, tx);
        return (record, new TelemetryStream([.. names.Values], StreamTelemetry(c, tx, runId, tables, names), PacketTable.Stream(c, tx, runId, tables)));
    }

    /// <summary>
    /// The run; with <paramref name="withBulk"/> false, without its telemetry and raw packets (the bulk of a long run),
    /// with <paramref name="withSteps"/> false, without its transitions and steps.
    /// </summary>
    private static RunRecord? Read(DbConnection c, DbTransaction? tx, long runId, RecordTables tables, bool withBulk, bool withSteps = true)
    {
        RunSummary? summary = Summaries(c, tx, tables, "id = @run", ("@run", runId)).SingleOrDefault();
        if (summary is null)
        {
            return null;
        }

        var run = ("@run", (object)runId);
        return new RunRecord
        {
            Summary = summary,
            Transitions = !withSteps ? [] : Query(c, tx, StepRowStream.TransitionsSql, [run],
                r => new TransitionRow(ArchiveTime.Parse(r.GetString(0)), r.GetString(1), r.GetString(2), r.GetString(3))),
            Steps = !withSteps ? [] : Query(c, tx, StepRowStream.StepsSql, [run],
                r => new StepRow(r.GetInt32(0), r.GetString(1), r.GetString(2), ArchiveTime.Parse(r.GetString(3)), Time(r, 4), Text(r, 5), Text(r, 6))),
            Measurements = Query(c, tx, """
                SELECT time, step_index, name, value, unit, expectation, parameters, verdict, margin, low, high, hard_low, hard_high, culprit, message, evidence
                FROM measurements WHERE run_id = @run ORDER BY id
                """, [run], ReadMeasurement),
            Telemetry = withBulk ? [.. StreamTelemetry(c, tx, runId, tables)] : [],
            Events = Query(c, tx, "SELECT time, event_id, name, severity, data FROM events WHERE run_id = @run ORDER BY id", [run],
                r => new EventRow(ArchiveTime.Parse(r.GetString(0)), r.GetInt32(1), r.GetString(2), r.GetString(3), Text(r, 4))),
            Commands = Query(c, tx, "SELECT time, name, service, subtype, sequence_count, accepted, completed, failure_code, failure FROM commands WHERE run_id = @run ORDER BY id", [run],
                r => new CommandRow
                {
                    Time = ArchiveTime.Parse(r.GetString(0)),
                    Name = r.GetString(1),
                    Service = r.IsDBNull(2) ? 0 : r.GetInt32(2),
                    Subtype = r.IsDBNull(3) ? 0 : r.GetInt32(3),
                    SequenceCount = r.IsDBNull(4) ? null : r.GetInt32(4),
                    Accepted = Time(r, 5),
                    Completed = Time(r, 6),
                    FailureCode = r.IsDBNull(7) ? null : r.GetInt32(7),
                    Failure = Text(r, 8),
                }),
            Calibrations = Query(c, tx, "SELECT sensor, model, coefficients, uncertainties, residual_rms, r_squared, points FROM calibrations WHERE run_id = @run ORDER BY id", [run],
                r => new CalibrationRow
                {
                    Sensor = r.GetString(0),
                    Model = r.GetString(1),
                    Coefficients = ArchiveJson.ParseNumbers(r.GetString(2)),
                    Uncertainties = ArchiveJson.ParseNumbers(r.GetString(3)),
                    ResidualRms = Real(r, 4),
                    RSquared = Real(r, 5),
                    Points = ArchiveJson.ParsePoints(r.GetString(6)),
                }),
            Requirements = Query(c, tx, "SELECT time, requirement, measurement, verdict FROM requirement_verdicts WHERE run_id = @run ORDER BY id", [run],
                r => new RequirementRow(ArchiveTime.Parse(r.GetString(0)), r.GetString(1), r.GetString(2), r.GetString(3))),
            Budgets = Query(c, tx, "SELECT time, subject, kind, unit, combined, nu_eff, coverage_factor, expanded, probability, components FROM uncertainty_budgets WHERE run_id = @run ORDER BY id", [run],
                r => new BudgetRow
                {
                    Time = ArchiveTime.Parse(r.GetString(0)),
                    Subject = r.GetString(1),
                    Kind = r.GetString(2),
                    Unit = Text(r, 3),
                    Combined = Real(r, 4),
                    EffectiveDegreesOfFreedom = r.IsDBNull(5) ? double.PositiveInfinity : r.GetDouble(5),
                    CoverageFactor = Real(r, 6),
                    Expanded = Real(r, 7),
                    CoverageProbability = Real(r, 8),
                    Components = BudgetJson.ParseComponents(r.GetString(9)),
                }),
            Packets = withBulk ? PacketTable.Read(c, tx, runId, tables) : [],
        };
    }

    private static IEnumerable<TelemetryRow> StreamTelemetry(DbConnection c, DbTransaction? tx, long runId, RecordTables tables, Dictionary<long, string>? names = null) =>
        c is SqliteConnection station
            ? TelemetryRowStream.Rows(station, runId, () => names ?? ParameterNames(c, tx))
            : StreamAnyTelemetry(c, tx, runId, tables, names);

    private static IEnumerable<TelemetryRow> StreamAnyTelemetry(DbConnection c, DbTransaction? tx, long runId, RecordTables tables, Dictionary<long, string>? names)
    {
        Dictionary<long, string> parameterNames = names ?? ParameterNames(c, tx);
        using var command = c.CreateCommand();
        command.Transaction = tx;
        command.CommandText = $"SELECT time_us, parameter_id, value FROM telemetry WHERE run_id = @run ORDER BY {tables.TelemetryOrder}";
        Add(command, "@run", runId);
        using DbDataReader r = command.ExecuteReader();
        while (r.Read())
        {
            yield return new TelemetryRow(ArchiveTime.FromMicroseconds(r.GetInt64(0)), parameterNames[r.GetInt64(1)], Real(r, 2));
        }
    }

    /// <summary>Every parameter name of the archive by id: a small table, where the names of one run are a scan of its rows.</summary>
    private static Dictionary<long, string> ParameterNames(DbConnection c, DbTransaction? tx)
    {
        var names = new Dictionary<long, string>();
        foreach (var (id, name) in Query(c, tx, "SELECT id, name FROM parameter_names", [], r => (r.GetInt64(0), r.GetString(1))))
        {
            names[id] = name;
        }

        return names;
    }

    private static MeasurementRow ReadMeasurement(DbDataReader r)
    {
        JudgedResult? expectation = r.IsDBNull(5) ? null : new JudgedResult
        {
            Expectation = r.GetString(5),
            Parameters = r.IsDBNull(6) ? [] : JsonSerializer.Deserialize<string[]>(r.GetString(6)) ?? [],
            Verdict = ParseVerdict(Text(r, 7)),
            Measured = Real(r, 3),
            Unit = Text(r, 4),
            Margin = Real(r, 8),
            Low = Optional(r, 9),
            High = Optional(r, 10),
            HardLow = Optional(r, 11),
            HardHigh = Optional(r, 12),
            Culprit = Text(r, 13),
            Message = Text(r, 14) ?? "",
            Evidence = ArchiveJson.ParseEvidence(Text(r, 15)),
        };
        int? step = r.IsDBNull(1) ? null : r.GetInt32(1);
        return new MeasurementRow(ArchiveTime.Parse(r.GetString(0)), step, r.GetString(2), Real(r, 3), Text(r, 4), expectation);
    }

    /// <summary>Older rows and foreign writers may hold a word this harness does not know: read it as a fail, never as a pass.</summary>
    private static Verdict ParseVerdict(string? text)
    {
        try
        {
            Verdict verdict = VerdictOrder.Parse(text);
            return verdict == Verdict.NotSet ? Verdict.Fail : verdict;
        }
        catch (FormatException)
        {
            return Verdict.Fail;
        }
    }

    private static List<T> Query<T>(DbConnection c, DbTransaction? tx, string sql, (string Name, object Value)[] args, Func<DbDataReader, T> map)
    {
        using var command = c.CreateCommand();
        command.Transaction = tx;
        command.CommandText = sql;
        foreach (var (name, value) in args)
        {
            Add(command, name, value);
        }

        using DbDataReader reader = command.ExecuteReader();
        var rows = new List<T>();
        while (reader.Read())
        {
            rows.Add(map(reader));
        }

        return rows;
    }

    private static void Add(DbCommand command, string name, object value)
    {
        DbParameter parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }

    private static string? Text(DbDataReader r, int i) => r.IsDBNull(i) ? null : r.GetString(i);

    private static double Real(DbDataReader r, int i) => r.IsDBNull(i) ? double.NaN : r.GetDouble(i);

    private static double? Optional(DbDataReader r, int i) => r.IsDBNull(i) ? null : r.GetDouble(i);

    private static DateTimeOffset? Time(DbDataReader r, int i) => r.IsDBNull(i) ? null : ArchiveTime.Parse(r.GetString(i));
}
