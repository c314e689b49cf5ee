using Npgsql;
using Serilog;
using UsocHil.Results;

namespace UsocHil.Central;

/// <summary>
/// The archive of many stations in one PostgreSQL database: sealed runs arrive by push from each station's own archive
/// (which stays the record), keyed by station and the station's run id; everything that reads results reads it as it
/// reads a station's file. Runs are never recorded here directly.
/// </summary>
public sealed class CentralArchive : IResultsStore
{
    private readonly NpgsqlDataSource _source;
    private readonly TimeProvider _wall;

    private CentralArchive(CentralConnection connection, NpgsqlDataSource source, TimeProvider wall)
    {
        Connection = connection;
        _source = source;
        _wall = wall;
    }

    /// <summary>The version of the central archive's tables this harness creates and reads.</summary>
    public const int SchemaVersion = CentralSchema.Version;

    public CentralConnection Connection { get; }

    public string Path => Connection.Display;

    /// <summary>Opens the central archive; <paramref name="create"/> creates or migrates its tables, else they must exist.</summary>
    /// <exception cref="ResultsArchiveException">Unreachable, refused, not initialised, or newer than this harness.</exception>
    public static async Task<IResultsStore> OpenAsync(string location, TimeProvider wall, ILogger log, bool create, CancellationToken cancellationToken) =>
        await OpenCentralAsync(CentralConnection.Parse(location), wall, create, cancellationToken).ConfigureAwait(false);

    /// <inheritdoc cref="OpenAsync"/>
    public static async Task<CentralArchive> OpenCentralAsync(CentralConnection connection, TimeProvider wall, bool create, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        NpgsqlDataSource source = connection.OpenDataSource();
        var archive = new CentralArchive(connection, source, wall);
        try
        {
            await archive.UseAsync(async c =>
            {
                if (create)
                {
                    await CentralSchema.MigrateAsync(c, connection.Display, cancellationToken).ConfigureAwait(false);
                    return 0;
                }

                await using var probe = new NpgsqlCommand("SELECT to_regclass('usoc_hil_schema') IS NOT NULL", c);
                return await probe.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is true
                    ? 0
                    : throw new ResultsArchiveException(connection.Display, "no central archive here yet; create it with usoc-hil results init --results URL");
            }, cancellationToken).ConfigureAwait(false);
            return archive;
        }
        catch
        {
            await source.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public Task<RunRecorder> BeginRunAsync(RunHeader header, TimeProvider rigTime, CancellationToken cancellationToken) =>
        throw new ResultsArchiveException(Path, "a central archive receives sealed runs by push (usoc-hil results push); a station records its runs in its own archive");

    public Task<IReadOnlyList<RunSummary>> ListRunsAsync(CancellationToken cancellationToken) =>
        UseAsync(c => Task.FromResult<IReadOnlyList<RunSummary>>(RunRecordReader.Summaries(c, null, RecordTables.Centre)), cancellationToken);

    public Task<RunRecord> ReadRunAsync(long runId, CancellationToken cancellationToken) =>
        UseAsync(c => Task.FromResult(RunRecordReader.Read(c, null, runId, RecordTables.Centre)
            ?? throw new ResultsArchiveException(Path, $"run {runId} is not in the central archive")), cancellationToken);

    public Task CopyRunAsync(long runId, Func<RunRecord, TelemetryStream, CancellationToken, Task> copy, CancellationToken cancellationToken) =>
        UseAsync(async c =>
        {
            var (record, telemetry) = RunRecordReader.ReadForCopy(c, null, runId, RecordTables.Centre)
                ?? throw new ResultsArchiveException(Path, $"run {runId} is not in the central archive");
            await copy(record, telemetry, cancellationToken).ConfigureAwait(false);
            return true;
        }, cancellationToken);

    public async Task<ChainVerification> VerifyAsync(CancellationToken cancellationToken)
    {
        IReadOnlyList<DamagedRun> damaged = await VerifyEveryRunAsync(cancellationToken).ConfigureAwait(false);
        int runs = (await ListRunsAsync(cancellationToken).ConfigureAwait(false)).Count;
        return new ChainVerification(runs, [.. damaged.Select(d => new RunDamage(d.CentralId, d.ToString()))], []);
    }

    /// <summary>Every run whose record or chain link no longer matches its seal, each named by station and station run.</summary>
    public Task<IReadOnlyList<DamagedRun>> VerifyEveryRunAsync(CancellationToken cancellationToken) =>
        UseAsync(c => Task.FromResult(CentralVerifier.Verify(c, cancellationToken)), cancellationToken);

    /// <summary>The runs of <paramref name="station"/> already here: the station's run id and the record hash received.</summary>
    public Task<IReadOnlyDictionary<long, string>> PushedRunsAsync(string station, CancellationToken cancellationToken) =>
        UseAsync<IReadOnlyDictionary<long, string>>(async c =>
        {
            var pushed = new Dictionary<long, string>();
            await using var query = new NpgsqlCommand("SELECT station_run_id, record_hash FROM runs WHERE station = @s", c);
            query.Parameters.AddWithValue("s", station);
            await using NpgsqlDataReader r = await query.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await r.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                pushed[r.GetInt64(0)] = r.GetString(1);
            }

            return pushed;
        }, cancellationToken);

    /// <summary>Takes one sealed run of <paramref name="station"/>, whole or not at all; false when it was already here.</summary>
    public Task<bool> AcceptAsync(string station, RunRecord run, TelemetryStream telemetry, CancellationToken cancellationToken) =>
        UseAsync(async c =>
        {
            await using NpgsqlTransaction tx = await c.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                await CentralRunWriter.WriteAsync(c, tx, station, run, telemetry, ArchiveTime.ToText(_wall.GetUtcNow()), cancellationToken).ConfigureAwait(false);
                await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
                return true;
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation)
            {
                // Another pusher of the same station got there first.
                return false;
            }
        }, cancellationToken);

    public ValueTask DisposeAsync() => _source.DisposeAsync();

    internal async Task<T> UseAsync<T>(Func<NpgsqlConnection, Task<T>> action, CancellationToken cancellationToken)
    {
        try
        {
            await using NpgsqlConnection c = await _source.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            return await action(c).ConfigureAwait(false);
        }
        catch (NpgsqlException e)
        {
            throw new ResultsArchiveException(Path, Reason(e), e);
        }
        catch (TimeoutException e)
        {
            throw new ResultsArchiveException(Path, $"no answer: {e.Message}", e);
        }
    }

    private static string Reason(NpgsqlException e) => e switch
    {
        PostgresException pg => $"{pg.MessageText} (SQLSTATE {pg.SqlState})",
        _ when e.InnerException is System.Net.Sockets.SocketException s => $"unreachable: {s.Message}",
        _ => e.Message,
    };
}
