using System.Text.Json;
using Microsoft.Data.Sqlite;
using UsocHil.Expectations;

namespace UsocHil.Results;

/// <summary>
/// Prepared INSERT/UPDATE statements, one per kind of row, reused for every batch on the writer's connection. A step's
/// start is held back until the next row of the steps table: when that is the same step's end (a step that began and
/// ended within one batch) the row goes in whole, one INSERT instead of an INSERT and an UPDATE; the table ends the
/// same either way. <see cref="EndBatch"/> writes a start still held before the batch commits. The rows every step
/// records (transitions and steps) and telemetry go through <see cref="RawStatement"/>; the rarer ones through Microsoft.Data.Sqlite.
/// </summary>
internal sealed class RowInserter : IDisposable
{
    private readonly SqliteConnection _connection;
    private readonly Dictionary<string, long> _parameterIds = new(StringComparer.Ordinal);
    private readonly RawStatement _transition;
    private readonly RawStatement _stepStarted;
    private readonly RawStatement _stepEnded;
    private readonly RawStatement _stepWhole;
    private readonly SqliteCommand _measurement;
    private readonly SqliteCommand _event;
    private readonly SqliteCommand _command;
    private readonly SqliteCommand _calibration;
    private readonly SqliteCommand _parameterName;
    private readonly SqliteCommand _budget;
    private readonly SqliteCommand _requirement;
    private readonly SqliteCommand _unitSerial;
    private readonly SqliteCommand _packet;

    private readonly RawStatement _telemetry;
    private (long RunId, StepRow Step)? _heldStart;

    public RowInserter(SqliteConnection connection, string path)
    {
        _connection = connection;
        _telemetry = new RawStatement(connection, path, "INSERT INTO telemetry(run_id, time_us, parameter_id, value) VALUES (?1, ?2, ?3, ?4)");
        _transition = new RawStatement(connection, path, "INSERT INTO transitions(run_id, time, from_state, to_state, trigger) VALUES (?1, ?2, ?3, ?4, ?5)");
        _stepStarted = new RawStatement(connection, path, "INSERT INTO steps(run_id, step_index, name, kind, started) VALUES (?1, ?2, ?3, ?4, ?5)");
        _stepEnded = new RawStatement(connection, path, "UPDATE steps SET ended = ?3, outcome = ?4, message = ?5 WHERE id = (SELECT max(id) FROM steps WHERE run_id = ?1 AND step_index = ?2)");
        _stepWhole = new RawStatement(connection, path, "INSERT INTO steps(run_id, step_index, name, kind, started, ended, outcome, message) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
        _measurement = Prepare("""
            INSERT INTO measurements(run_id, step_index, time, name, parameters, value, unit, expectation, low, high, hard_low, hard_high, verdict, margin, culprit, message, evidence)
            VALUES ($a, $b, $c, $d, $e, $f, $g, $h, $i, $j, $k, $l, $m, $n, $o, $p, $q)
            """);
        _event = Prepare("INSERT INTO events(run_id, time, event_id, name, severity, data) VALUES ($a, $b, $c, $d, $e, $f)");
        _command = Prepare("INSERT INTO commands(run_id, time, name, service, subtype, sequence_count, accepted, completed, failure_code, failure) VALUES ($a, $b, $c, $d, $e, $f, $g, $h, $i, $j)");
        _calibration = Prepare("INSERT INTO calibrations(run_id, sensor, model, coefficients, uncertainties, residual_rms, r_squared, points) VALUES ($a, $b, $c, $d, $e, $f, $g, $h)");
        _budget = Prepare("INSERT INTO uncertainty_budgets(run_id, time, subject, kind, unit, combined, nu_eff, coverage_factor, expanded, probability, components) VALUES ($a, $b, $c, $d, $e, $f, $g, $h, $i, $j, $k)");
        _requirement = Prepare("INSERT INTO requirement_verdicts(run_id, time, requirement, measurement, verdict) VALUES ($a, $b, $c, $d, $e)");
        _unitSerial = Prepare("UPDATE runs SET unit_serial = $b WHERE id = $a");
        _packet = Prepare(PacketTable.InsertSql);
        _parameterName = Prepare("INSERT INTO parameter_names(name) VALUES ($a) ON CONFLICT(name) DO UPDATE SET name = excluded.name RETURNING id");
    }

    public void Begin(SqliteTransaction transaction)
    {
        foreach (var c in new[] { _measurement, _event, _command, _calibration, _parameterName, _budget, _requirement, _unitSerial, _packet })
        {
            c.Transaction = transaction;
        }
    }

    /// <summary>Writes the step start still held back; call before the batch's transaction commits.</summary>
    public void EndBatch()
    {
        if (_heldStart is { } held)
        {
            _heldStart = null;
            _stepStarted.Bind(1, held.RunId).Bind(2, held.Step.Index).Bind(3, held.Step.Name).Bind(4, held.Step.Kind).Bind(5, held.Step.Started).Execute();
        }
    }

    public void Insert(in WriteItem item)
    {
        switch (item.Kind)
        {
            case WriteKind.Telemetry:
                _telemetry.Bind(1, item.RunId).Bind(2, item.TimeMicroseconds).Bind(3, ParameterId(item.Parameter!)).Bind(4, item.Value).Execute();
                break;
            case WriteKind.Transition:
                var t = (TransitionRow)item.Payload!;
                _transition.Bind(1, item.RunId).Bind(2, t.Time).Bind(3, t.From).Bind(4, t.To).Bind(5, t.Trigger).Execute();
                break;
            case WriteKind.StepStarted:
                EndBatch();
                _heldStart = (item.RunId, (StepRow)item.Payload!);
                break;
            case WriteKind.StepEnded:
                var e = (StepEnd)item.Payload!;
                if (_heldStart is { } held && held.RunId == item.RunId && held.Step.Index == e.Index)
                {
                    _heldStart = null;
                    _stepWhole.Bind(1, item.RunId).Bind(2, e.Index).Bind(3, held.Step.Name).Bind(4, held.Step.Kind).Bind(5, held.Step.Started)
                        .Bind(6, e.Ended).Bind(7, e.Outcome).Bind(8, e.Message).Execute();
                }
                else
                {
                    EndBatch();
                    _stepEnded.Bind(1, item.RunId).Bind(2, e.Index).Bind(3, e.Ended).Bind(4, e.Outcome).Bind(5, e.Message).Execute();
                }

                break;
            case WriteKind.Measurement:
                InsertMeasurement(item.RunId, (MeasurementRow)item.Payload!);
                break;
            case WriteKind.Event:
                var ev = (EventRow)item.Payload!;
                Run(_event, item.RunId, ArchiveTime.ToText(ev.Time), ev.Id, ev.Name, ev.Severity, ev.Data);
                break;
            case WriteKind.Command:
                var c = (CommandRow)item.Payload!;
                Run(_command, item.RunId, ArchiveTime.ToText(c.Time), c.Name, c.Service, c.Subtype, c.SequenceCount, ArchiveTime.ToDb(c.Accepted), ArchiveTime.ToDb(c.Completed), c.FailureCode, c.Failure);
                break;
            case WriteKind.Calibration:
                var p = (CalibrationRow)item.Payload!;
                Run(_calibration, item.RunId, p.Sensor, p.Model, ArchiveJson.Numbers(p.Coefficients), ArchiveJson.Numbers(p.Uncertainties), Db(p.ResidualRms), Db(p.RSquared), ArchiveJson.Points(p.Points));
                break;
            case WriteKind.Budget:
                var b = (BudgetRow)item.Payload!;
                Run(_budget, item.RunId, ArchiveTime.ToText(b.Time), b.Subject, b.Kind, b.Unit, Db(b.Combined), Db(double.IsInfinity(b.EffectiveDegreesOfFreedom) ? null : b.EffectiveDegreesOfFreedom),
                    Db(b.CoverageFactor), Db(b.Expanded), Db(b.CoverageProbability), BudgetJson.Components(b.Components));
                break;
            case WriteKind.Requirement:
                var q = (RequirementRow)item.Payload!;
                Run(_requirement, item.RunId, ArchiveTime.ToText(q.Time), q.Requirement, q.Measurement, q.Verdict);
                break;
            case WriteKind.UnitSerial:
                Run(_unitSerial, item.RunId, (string)item.Payload!);
                break;
            case WriteKind.Packet:
                Run(_packet, PacketTable.Values(item.RunId, (PacketRow)item.Payload!));
                break;
            default:
                throw new InvalidOperationException($"not a row: {item.Kind}");
        }
    }

    private void InsertMeasurement(long runId, MeasurementRow m)
    {
        JudgedResult? x = m.Judged;
        Run(_measurement, runId, m.StepIndex, ArchiveTime.ToText(m.Time), m.Name,
            x is null ? null : JsonSerializer.Serialize(x.Parameters, ArchiveJson.Options), Db(m.Value), m.Unit,
            x?.Expectation, Db(x?.Low), Db(x?.High), Db(x?.HardLow), Db(x?.HardHigh), x is null ? null : x.Verdict.ToText(),
            Db(x?.Margin), x?.Culprit, x?.Message, x is null ? null : ArchiveJson.Evidence(x.Evidence));
    }

    private long ParameterId(string name)
    {
        if (!_parameterIds.TryGetValue(name, out long id))
        {
            _parameterName.Parameters[0].Value = name;
            id = (long)_parameterName.ExecuteScalar()!;
            _parameterIds[name] = id;
        }

        return id;
    }

    /// <summary>NaN is stored as NULL (SQLite would anyway); read back it becomes NaN again where a value is required.</summary>
    private static object Db(double? value) => value is { } v && !double.IsNaN(v) ? v : DBNull.Value;

    private static void Run(SqliteCommand command, params object?[] values)
    {
        for (int i = 0; i < values.Length; i++)
        {
            command.Parameters[i].Value = values[i] ?? DBNull.Value;
        }

        command.ExecuteNonQuery();
    }

    private SqliteCommand Prepare(string sql)
    {
        var command = _connection.CreateCommand();
        command.CommandText = sql;
        // Parameters are bound by position in alphabetical order of their names ($a, $b, ...), wherever they appear in the SQL.
        var names = sql.Split('$').Skip(1).Select(p => "$" + new string(p.TakeWhile(char.IsLetter).ToArray())).Distinct().Order(StringComparer.Ordinal).ToArray();
        foreach (string name in names)
        {
            command.Parameters.Add(new SqliteParameter(name, null));
        }

        return command;
    }

    public void Dispose()
    {
        foreach (var c in new[] { _measurement, _event, _command, _calibration, _parameterName, _budget, _requirement, _unitSerial, _packet })
        {
            c.Dispose();
        }

        foreach (var s in new[] { _transition, _stepStarted, _stepEnded, _stepWhole })
        {
            s.Dispose();
        }

        _telemetry.Dispose();
    }
}
