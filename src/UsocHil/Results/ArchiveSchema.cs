using Microsoft.Data.Sqlite;

namespace UsocHil.Results;

/// <summary>The archive's tables, created or migrated when the archive is opened. Bump <see cref="Version"/> and add a step per change.</summary>
internal static class ArchiveSchema
{
    public const int Version = 5;

    private const string V1 = """
        CREATE TABLE runs(
            id INTEGER PRIMARY KEY,
            rig TEXT NOT NULL, unit_serial TEXT, sequence TEXT NOT NULL, sequence_sha256 TEXT, station_sha256 TEXT,
            software_version TEXT, operator TEXT,
            started_rig TEXT NOT NULL, started_wall TEXT NOT NULL, ended_rig TEXT, ended_wall TEXT,
            outcome TEXT NOT NULL CHECK (outcome IN ('running','passed','failed','aborted','interrupted','error')),
            owner TEXT,
            seal_seq INTEGER UNIQUE, record_hash TEXT, previous_hash TEXT);
        CREATE INDEX runs_rig ON runs(rig, seal_seq);
        CREATE TABLE transitions(id INTEGER PRIMARY KEY, run_id INTEGER NOT NULL REFERENCES runs(id),
            time TEXT NOT NULL, from_state TEXT NOT NULL, to_state TEXT NOT NULL, trigger TEXT NOT NULL);
        CREATE INDEX transitions_run ON transitions(run_id);
        CREATE TABLE steps(id INTEGER PRIMARY KEY, run_id INTEGER NOT NULL REFERENCES runs(id),
            step_index INTEGER NOT NULL, name TEXT NOT NULL, kind TEXT NOT NULL,
            started TEXT NOT NULL, ended TEXT, outcome TEXT, message TEXT);
        CREATE INDEX steps_run ON steps(run_id, step_index);
        CREATE TABLE measurements(id INTEGER PRIMARY KEY, run_id INTEGER NOT NULL REFERENCES runs(id),
            step_index INTEGER, time TEXT NOT NULL, name TEXT NOT NULL, parameters TEXT, value REAL, unit TEXT,
            expectation TEXT, low REAL, high REAL, hard_low REAL, hard_high REAL, verdict TEXT, margin REAL,
            culprit TEXT, message TEXT, evidence TEXT);
        CREATE INDEX measurements_run ON measurements(run_id);
        CREATE TABLE parameter_names(id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE);
        CREATE TABLE telemetry(run_id INTEGER NOT NULL, time_us INTEGER NOT NULL, parameter_id INTEGER NOT NULL, value REAL);
        CREATE INDEX telemetry_run ON telemetry(run_id);
        CREATE TABLE events(id INTEGER PRIMARY KEY, run_id INTEGER NOT NULL REFERENCES runs(id),
            time TEXT NOT NULL, event_id INTEGER NOT NULL, name TEXT NOT NULL, severity TEXT NOT NULL, data TEXT);
        CREATE INDEX events_run ON events(run_id);
        CREATE TABLE commands(id INTEGER PRIMARY KEY, run_id INTEGER NOT NULL REFERENCES runs(id),
            time TEXT NOT NULL, name TEXT NOT NULL, service INTEGER, subtype INTEGER, sequence_count INTEGER,
            accepted TEXT, completed TEXT, failure_code INTEGER, failure TEXT);
        CREATE INDEX commands_run ON commands(run_id);
        CREATE TABLE calibrations(id INTEGER PRIMARY KEY, run_id INTEGER NOT NULL REFERENCES runs(id),
            sensor TEXT NOT NULL, model TEXT NOT NULL, coefficients TEXT NOT NULL, uncertainties TEXT NOT NULL,
            residual_rms REAL, r_squared REAL, points TEXT NOT NULL);
        CREATE INDEX calibrations_run ON calibrations(run_id);
        """;

    /// <summary>Each seal's signature by the station's key (base64), so a run re-hashed without the key shows.</summary>
    private const string V2 = "ALTER TABLE runs ADD COLUMN seal_signature TEXT";

    /// <summary>Uncertainty budgets of calibration points and judged values (GUM: components, u_c, ν_eff, k, U).</summary>
    private const string V3 = """
        CREATE TABLE uncertainty_budgets(id INTEGER PRIMARY KEY, run_id INTEGER NOT NULL REFERENCES runs(id),
            time TEXT NOT NULL, subject TEXT NOT NULL, kind TEXT NOT NULL, unit TEXT,
            combined REAL, nu_eff REAL, coverage_factor REAL, expanded REAL, probability REAL, components TEXT NOT NULL);
        CREATE INDEX uncertainty_budgets_run ON uncertainty_budgets(run_id);
        CREATE TABLE requirement_verdicts(id INTEGER PRIMARY KEY, run_id INTEGER NOT NULL REFERENCES runs(id),
            time TEXT NOT NULL, requirement TEXT NOT NULL, measurement TEXT NOT NULL, verdict TEXT NOT NULL);
        CREATE INDEX requirement_verdicts_run ON requirement_verdicts(run_id);
        """;

    /// <summary>
    /// What a run can be taken as evidence of: the sequence's status and the kinds of item it was validated on when it
    /// ran, and the kind of item it ran on. Older runs keep nulls, which their sealed JSON never carried.
    /// </summary>
    private const string V4 = """
        ALTER TABLE runs ADD COLUMN sequence_status TEXT;
        ALTER TABLE runs ADD COLUMN sequence_validated_on TEXT;
        ALTER TABLE runs ADD COLUMN item_kind TEXT;
        """;

    /// <summary>
    /// Steps in the order they were recorded, for sealing and verifying: steps_run orders them by step index, so
    /// reading a run's steps by id sorted every one of them in a temporary B-tree (about 7 µs a step at each seal).
    /// </summary>
    private const string V5 = "CREATE INDEX IF NOT EXISTS steps_run_order ON steps(run_id, id)";

    /// <summary>Creates the tables of an empty file, or migrates an older archive; refuses a newer one.</summary>
    public static void Migrate(SqliteConnection connection, string path)
    {
        using (var create = connection.CreateCommand())
        {
            create.CommandText = "CREATE TABLE IF NOT EXISTS schema_version(version INTEGER NOT NULL)";
            create.ExecuteNonQuery();
        }

        using var transaction = connection.BeginTransaction();
        using var query = connection.CreateCommand();
        query.Transaction = transaction;
        query.CommandText = "SELECT max(version) FROM schema_version";
        int current = query.ExecuteScalar() is long v ? (int)v : 0;
        if (current > Version)
        {
            throw new ResultsArchiveException(path, $"archive schema version {current} is newer than this harness understands ({Version})");
        }

        if (current < 1)
        {
            Execute(connection, transaction, V1);
        }

        if (current < 2)
        {
            Execute(connection, transaction, V2);
        }

        if (current < 3)
        {
            Execute(connection, transaction, V3);
        }

        if (current < 4)
        {
            Execute(connection, transaction, V4);
        }

        if (current < 5)
        {
            Execute(connection, transaction, V5);
        }

        PacketTable.Create(connection, transaction);
        if (current < Version)
        {
            Execute(connection, transaction, $"DELETE FROM schema_version; INSERT INTO schema_version(version) VALUES ({Version})");
        }

        transaction.Commit();
    }

    private static void Execute(SqliteConnection connection, SqliteTransaction transaction, string sql)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
