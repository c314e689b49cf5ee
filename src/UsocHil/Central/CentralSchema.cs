using Npgsql;
using UsocHil.Results;

namespace UsocHil.Central;

/// <summary>
/// The central archive's tables: the station archive's tables, each run keyed by its station and the station's run id,
/// telemetry ordered by an explicit column; created or migrated by <c>usoc-hil results init</c> and on every push.
/// Bump <see cref="Version"/> and add a step per change.
/// </summary>
internal static class CentralSchema
{
    public const int Version = 5;

    private const string V1 = """
        CREATE TABLE stations(name text PRIMARY KEY, first_push_wall text NOT NULL);
        CREATE TABLE runs(
            id bigserial PRIMARY KEY,
            station text NOT NULL REFERENCES stations(name), station_run_id bigint NOT NULL,
            rig text NOT NULL, unit_serial text, sequence text NOT NULL, sequence_sha256 text, station_sha256 text,
            software_version text, operator text,
            started_rig text NOT NULL, started_wall text NOT NULL, ended_rig text, ended_wall text,
            outcome text NOT NULL CHECK (outcome IN ('passed','failed','aborted','interrupted','error')),
            seal_seq bigint NOT NULL, record_hash text NOT NULL, previous_hash text,
            pushed_wall text NOT NULL,
            UNIQUE (station, station_run_id), UNIQUE (station, seal_seq));
        CREATE INDEX runs_chain ON runs(station, rig, seal_seq);
        CREATE TABLE transitions(id bigserial PRIMARY KEY, run_id bigint NOT NULL REFERENCES runs(id),
            time text NOT NULL, from_state text NOT NULL, to_state text NOT NULL, trigger text NOT NULL);
        CREATE INDEX transitions_run ON transitions(run_id);
        CREATE TABLE steps(id bigserial PRIMARY KEY, run_id bigint NOT NULL REFERENCES runs(id),
            step_index integer NOT NULL, name text NOT NULL, kind text NOT NULL,
            started text NOT NULL, ended text, outcome text, message text);
        CREATE INDEX steps_run ON steps(run_id, step_index);
        CREATE TABLE measurements(id bigserial PRIMARY KEY, run_id bigint NOT NULL REFERENCES runs(id),
            step_index integer, time text NOT NULL, name text NOT NULL, parameters text, value double precision, unit text,
            expectation text, low double precision, high double precision, hard_low double precision, hard_high double precision,
            verdict text, margin double precision, culprit text, message text, evidence text);
        CREATE INDEX measurements_run ON measurements(run_id);
        CREATE TABLE parameter_names(id bigserial PRIMARY KEY, name text NOT NULL UNIQUE);
        CREATE TABLE telemetry(run_id bigint NOT NULL REFERENCES runs(id), seq integer NOT NULL, time_us bigint NOT NULL,
            parameter_id bigint NOT NULL REFERENCES parameter_names(id), value double precision, PRIMARY KEY (run_id, seq));
        CREATE TABLE events(id bigserial PRIMARY KEY, run_id bigint NOT NULL REFERENCES runs(id),
            time text NOT NULL, event_id integer NOT NULL, name text NOT NULL, severity text NOT NULL, data text);
        CREATE INDEX events_run ON events(run_id);
        CREATE TABLE commands(id bigserial PRIMARY KEY, run_id bigint NOT NULL REFERENCES runs(id),
            time text NOT NULL, name text NOT NULL, service integer, subtype integer, sequence_count integer,
            accepted text, completed text, failure_code integer, failure text);
        CREATE INDEX commands_run ON commands(run_id);
        CREATE TABLE calibrations(id bigserial PRIMARY KEY, run_id bigint NOT NULL REFERENCES runs(id),
            sensor text NOT NULL, model text NOT NULL, coefficients text NOT NULL, uncertainties text NOT NULL,
            residual_rms double precision, r_squared double precision, points text NOT NULL);
        CREATE INDEX calibrations_run ON calibrations(run_id);
        CREATE VIEW verdicts AS
            SELECT r.station, r.station_run_id AS run, r.rig, r.sequence, m.name, m.value, m.unit, m.low, m.high,
                   m.verdict, m.margin, m.culprit, m.time
            FROM measurements m JOIN runs r ON r.id = m.run_id WHERE m.expectation IS NOT NULL;
        """;

    /// <summary>Bookings of rigs: two bookings of one rig that overlap in time are refused by the database itself.</summary>
    private const string V2 = """
        CREATE EXTENSION IF NOT EXISTS btree_gist;
        CREATE TABLE reservations(
            id bigserial PRIMARY KEY,
            rig text NOT NULL, station text NOT NULL, operator text NOT NULL, note text,
            during tstzrange NOT NULL CHECK (NOT isempty(during)),
            booked timestamptz NOT NULL DEFAULT now(),
            CONSTRAINT one_booking_per_rig_at_a_time EXCLUDE USING gist (rig WITH =, during WITH &&));
        """;

    /// <summary>
    /// Telemetry rows keep no foreign keys: each run's rows are written in the transaction that writes the run and its
    /// parameter names, and a per-row key check made a push five times slower than the COPY beneath it.
    /// </summary>
    private const string V3 = """
        ALTER TABLE telemetry DROP CONSTRAINT IF EXISTS telemetry_run_id_fkey;
        ALTER TABLE telemetry DROP CONSTRAINT IF EXISTS telemetry_parameter_id_fkey;
        """;

    /// <summary>Uncertainty budgets of calibration points and judged values, as the station archive keeps them.</summary>
    private const string V4 = """
        CREATE TABLE uncertainty_budgets(id bigserial PRIMARY KEY, run_id bigint NOT NULL REFERENCES runs(id),
            time text NOT NULL, subject text NOT NULL, kind text NOT NULL, unit text,
            combined double precision, nu_eff double precision, coverage_factor double precision, expanded double precision,
            probability double precision, components text NOT NULL);
        CREATE INDEX uncertainty_budgets_run ON uncertainty_budgets(run_id);
        CREATE TABLE requirement_verdicts(id bigserial PRIMARY KEY, run_id bigint NOT NULL REFERENCES runs(id),
            time text NOT NULL, requirement text NOT NULL, measurement text NOT NULL, verdict text NOT NULL);
        CREATE INDEX requirement_verdicts_run ON requirement_verdicts(run_id);
        """;

    /// <summary>The sequence's status, what it was validated on and the kind of item run on, as the station archive keeps them.</summary>
    private const string V5 = """
        ALTER TABLE runs ADD COLUMN sequence_status text;
        ALTER TABLE runs ADD COLUMN sequence_validated_on text;
        ALTER TABLE runs ADD COLUMN item_kind text;
        """;

    /// <summary>Creates the tables in an empty database or migrates older ones; refuses a newer schema.</summary>
    public static async Task MigrateAsync(NpgsqlConnection connection, string location, CancellationToken cancellationToken)
    {
        await using NpgsqlTransaction transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);

        // One migrator at a time, whatever the number of stations pushing at once.
        await ExecuteAsync(connection, transaction, "SELECT pg_advisory_xact_lock(7307261)", cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(connection, transaction, "CREATE TABLE IF NOT EXISTS usoc_hil_schema(version integer NOT NULL)", cancellationToken).ConfigureAwait(false);
        await using var query = new NpgsqlCommand("SELECT max(version) FROM usoc_hil_schema", connection, transaction);
        int current = await query.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is int v ? v : 0;
        if (current > Version)
        {
            throw new ResultsArchiveException(location, $"central archive schema version {current} is newer than this harness understands ({Version})");
        }

        if (current < 1)
        {
            await ExecuteAsync(connection, transaction, V1, cancellationToken).ConfigureAwait(false);
        }

        if (current < 2)
        {
            await ExecuteAsync(connection, transaction, V2, cancellationToken).ConfigureAwait(false);
        }

        if (current < 3)
        {
            await ExecuteAsync(connection, transaction, V3, cancellationToken).ConfigureAwait(false);
        }

        if (current < 4)
        {
            await ExecuteAsync(connection, transaction, V4, cancellationToken).ConfigureAwait(false);
        }

        if (current < 5)
        {
            await ExecuteAsync(connection, transaction, V5, cancellationToken).ConfigureAwait(false);
        }

        await ExecuteAsync(connection, transaction, CentralPackets.Definition, cancellationToken).ConfigureAwait(false);
        if (current < Version)
        {
            await ExecuteAsync(connection, transaction, $"DELETE FROM usoc_hil_schema; INSERT INTO usoc_hil_schema(version) VALUES ({Version})", cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
