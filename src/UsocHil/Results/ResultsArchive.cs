using Microsoft.Data.Sqlite;
using Serilog;
using UsocHil.Sealing;

namespace UsocHil.Results;

/// <summary>
/// The results archive: one SQLite file (WAL, synchronous=NORMAL) holding every run, its steps, measurements with their
/// verdicts, telemetry, events, commands and calibration products. Rows are written by one background writer; reading,
/// sealing and recovery use a second connection. Opening the archive marks runs whose recording process has died as
/// interrupted (and seals them, keeping everything they recorded); finished runs are hashed into a per-rig chain that
/// <see cref="VerifyAsync"/> recomputes. Each seal is signed with the station's key and its chain head appended to the
/// anchor beside the archive (<see cref="RunSealer"/>); a run is still being recorded only while its writer holds its
/// <see cref="WriterLock"/>. An archive opened to be read (<see cref="OpenReadOnlyAsync"/>) is never written: no
/// writer, no recovery, no migration, a read-only connection. A path that is a device, FIFO or socket is refused.
/// </summary>
public sealed class ResultsArchive : IResultsStore
{
    private readonly SqliteConnection _control;
    private readonly SqliteConnection? _writerConnection;
    private readonly ArchiveWriter? _writer;
    private readonly TimeProvider _time;
    private readonly ILogger _log;
    private readonly SemaphoreSlim _controlLock = new(1, 1);
    private readonly RunSealer _sealer;
    private WriterLock? _writerLock;

    private ResultsArchive(string path, SqliteConnection control, SqliteConnection? writer, TimeProvider time, ILogger log)
    {
        Path = path;
        _control = control;
        _writerConnection = writer;
        _time = time;
        _log = log.ForContext<ResultsArchive>();
        _writer = writer is null ? null : new ArchiveWriter(writer, path, time, _log);
        _sealer = new RunSealer(path);
    }

    public string Path { get; }

    /// <summary>Opens the archive at <paramref name="path"/>, creating it (and its folder) if needed, and recovers interrupted runs.</summary>
    public static Task<ResultsArchive> OpenAsync(string path, TimeProvider time, ILogger log, CancellationToken cancellationToken) =>
        OpenCoreAsync(path, time, log, create: true, cancellationToken);

    /// <summary>As <see cref="OpenAsync"/>, but a missing file or one that is not a UsocHil archive is a <see cref="ResultsArchiveException"/>.</summary>
    public static Task<ResultsArchive> OpenExistingAsync(string path, TimeProvider time, ILogger log, CancellationToken cancellationToken) =>
        OpenCoreAsync(path, time, log, create: false, cancellationToken);

    /// <summary>
    /// Opens an existing archive to read it and nothing else (list, show, export, verify): its bytes are left as they
    /// are, and it can be read from a read-only file or folder.
    /// </summary>
    public static Task<ResultsArchive> OpenReadOnlyAsync(string path, TimeProvider time, ILogger log, CancellationToken cancellationToken) =>
        Task.Run(
            () =>
            {
                string full = RequireFilePath(path);
                if (!File.Exists(full))
                {
                    throw new ResultsArchiveException(full, "no results archive here");
                }

                return new ResultsArchive(full, ConnectReader(full), null, time, log);
            },
            cancellationToken);

    private static Task<ResultsArchive> OpenCoreAsync(string path, TimeProvider time, ILogger log, bool create, CancellationToken cancellationToken) =>
        Task.Run(
            () =>
            {
                string full = RequireFilePath(path);
                if (!create && !File.Exists(full))
                {
                    throw new ResultsArchiveException(full, "no results archive here");
                }

                if (create)
                {
                    Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
                }

                SqliteConnection? control = null, writer = null;
                try
                {
                    control = Connect(full);
                    if (!create && !HasSchema(control))
                    {
                        throw new ResultsArchiveException(full, "not a UsocHil results archive (no schema_version table)");
                    }

                    ArchiveSchema.Migrate(control, full);
                    writer = Connect(full);
                    var archive = new ResultsArchive(full, control, writer, time, log);
                    archive.RecoverInterruptedRuns();
                    return archive;
                }
                catch (SqliteException e)
                {
                    control?.Dispose();
                    writer?.Dispose();
                    throw new ResultsArchiveException(full, $"cannot open the results archive: {e.Message}", e);
                }
            },
            cancellationToken);

    /// <summary>Starts recording a run; <paramref name="rigTime"/> is the rig's clock (virtual when emulated).</summary>
    public Task<RunRecorder> BeginRunAsync(RunHeader header, TimeProvider rigTime, CancellationToken cancellationToken) =>
        _writer is null ? throw new ResultsArchiveException(Path, "opened for reading only: no run can be recorded into it") : ControlAsync(
            (c, tx) =>
            {
                WriterLock owner = TakeWriterLock();
                using var insert = c.CreateCommand();
                insert.Transaction = tx;
                insert.CommandText = """
                    INSERT INTO runs(id, rig, unit_serial, sequence, sequence_sha256, station_sha256, software_version, operator, started_rig, started_wall, outcome, owner,
                        sequence_status, sequence_validated_on, item_kind)
                    VALUES ($id, $rig, $unit, $sequence, $sequenceHash, $stationHash, $version, $operator, $startedRig, $startedWall, 'running', $owner,
                        $status, $validatedOn, $itemKind) RETURNING id
                    """;
                insert.Parameters.AddWithValue("$id", _sealer.NextRunId(c, tx));
                insert.Parameters.AddWithValue("$rig", header.Rig);
                insert.Parameters.AddWithValue("$unit", (object?)header.UnitSerial ?? DBNull.Value);
                insert.Parameters.AddWithValue("$sequence", header.Sequence);
                insert.Parameters.AddWithValue("$sequenceHash", (object?)header.SequenceSha256 ?? DBNull.Value);
                insert.Parameters.AddWithValue("$stationHash", (object?)header.StationSha256 ?? DBNull.Value);
                insert.Parameters.AddWithValue("$version", (object?)header.SoftwareVersion ?? DBNull.Value);
                insert.Parameters.AddWithValue("$operator", (object?)header.Operator ?? DBNull.Value);
                insert.Parameters.AddWithValue("$startedRig", ArchiveTime.ToText(rigTime.GetUtcNow()));
                insert.Parameters.AddWithValue("$startedWall", ArchiveTime.ToText(_time.GetUtcNow()));
                insert.Parameters.AddWithValue("$owner", owner.Owner);
                insert.Parameters.AddWithValue("$status", (object?)header.SequenceStatus ?? DBNull.Value);
                insert.Parameters.AddWithValue("$validatedOn", (object?)ArchiveJson.Words(header.SequenceValidatedOn) ?? DBNull.Value);
                insert.Parameters.AddWithValue("$itemKind", (object?)header.ItemKind ?? DBNull.Value);
                long id = (long)insert.ExecuteScalar()!;
                UseStationKey();
                _log.Information("Run {Run} of {Sequence} on {Rig} started, recording to {Path}", id, header.Sequence, header.Rig, Path);
                return new RunRecorder(this, _writer!, id, header, rigTime);
            },
            cancellationToken);

    public Task<IReadOnlyList<RunSummary>> ListRunsAsync(CancellationToken cancellationToken) =>
        ControlAsync<IReadOnlyList<RunSummary>>((c, tx) => RunRecordReader.Summaries(c, tx), cancellationToken);

    /// <summary>The whole record of one run; a <see cref="ResultsArchiveException"/> if there is no such run.</summary>
    public Task<RunRecord> ReadRunAsync(long runId, CancellationToken cancellationToken) =>
        ControlAsync(
            (c, tx) => RunRecordReader.Read(c, tx, runId) ?? throw new ResultsArchiveException(Path, $"run {runId} is not in the archive"),
            cancellationToken);

    public async Task CopyRunAsync(long runId, Func<RunRecord, TelemetryStream, CancellationToken, Task> copy, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(copy);
        await _controlLock.WaitAsync(cancellationToken);
        try
        {
            // Deferred even on a writer: a snapshot to read from, without holding off the runs being recorded meanwhile.
            using SqliteTransaction tx = _control.BeginTransaction(deferred: true);
            var (record, telemetry) = RunRecordReader.ReadForCopy(_control, tx, runId, RecordTables.Station)
                ?? throw new ResultsArchiveException(Path, $"run {runId} is not in the archive");
            await copy(record, telemetry, cancellationToken);
            tx.Commit();
        }
        catch (SqliteException e)
        {
            throw new ResultsArchiveException(Path, e.Message, e);
        }
        finally
        {
            _controlLock.Release();
        }
    }

    /// <summary>Checks every run's hash, chain link and signature and the anchor beside the archive; lists every damaged run.</summary>
    public Task<ChainVerification> VerifyAsync(CancellationToken cancellationToken) =>
        ControlAsync(
            (c, tx) =>
            {
                try
                {
                    return ChainVerifier.Verify(c, tx, Path, ChainEvidence.BesideTheArchive, cancellationToken);
                }
                catch (SealingException e)
                {
                    throw new ResultsArchiveException(e.Path, e.Reason, e);
                }
            },
            cancellationToken);

    internal Task<string> SealAsync(long runId, ArchivedOutcome outcome, DateTimeOffset? endedRig, CancellationToken cancellationToken) =>
        ControlAsync((c, tx) => Seal(c, tx, runId, outcome, endedRig), cancellationToken);

    /// <summary>Loads (or creates) the key as a run begins, so a key that cannot be used stops the run before the rig is touched.</summary>
    private void UseStationKey()
    {
        try
        {
            _sealer.Key();
        }
        catch (SealingException e)
        {
            throw new ResultsArchiveException(e.Path, e.Reason, e);
        }
    }

    private WriterLock TakeWriterLock()
    {
        try
        {
            return _writerLock ??= WriterLock.Take(Path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ResultsArchiveException(Path, $"cannot take the writer lock in {WriterLock.DirectoryFor(Path)}: {e.Message}", e);
        }
    }

    private string Seal(SqliteConnection c, SqliteTransaction tx, long runId, ArchivedOutcome outcome, DateTimeOffset? endedRig)
    {
        using var update = c.CreateCommand();
        update.Transaction = tx;
        update.CommandText = """
            UPDATE runs SET outcome = $outcome, ended_rig = $endedRig, ended_wall = $endedWall, owner = NULL,
                seal_seq = (SELECT max(coalesce(max(seal_seq), 0), $floor) + 1 FROM runs),
                previous_hash = (SELECT p.record_hash FROM runs p WHERE p.rig = runs.rig AND p.seal_seq IS NOT NULL ORDER BY p.seal_seq DESC LIMIT 1)
            WHERE id = $run AND seal_seq IS NULL
            """;
        update.Parameters.AddWithValue("$outcome", outcome.ToText());
        update.Parameters.AddWithValue("$endedRig", ArchiveTime.ToDb(endedRig));
        update.Parameters.AddWithValue("$endedWall", ArchiveTime.ToText(_time.GetUtcNow()));
        update.Parameters.AddWithValue("$run", runId);
        update.Parameters.AddWithValue("$floor", _sealer.SealFloor());
        if (update.ExecuteNonQuery() != 1)
        {
            throw new ResultsArchiveException(Path, $"run {runId} is already sealed or not in the archive");
        }

        string hash = RunRecordReader.Hash(c, tx, runId)!;
        update.Parameters.Clear();
        update.CommandText = "UPDATE runs SET record_hash = $hash WHERE id = $run";
        update.Parameters.AddWithValue("$hash", hash);
        update.Parameters.AddWithValue("$run", runId);
        update.ExecuteNonQuery();
        AnchorEntry sealedAs;
        try
        {
            // Appended while the archive's write lock is held, before the commit: appends from several processes
            // cannot interleave, and a committed seal is never missing from the anchor (a crash in between leaves
            // an anchor line the archive lacks, which verify reports: never the reverse).
            sealedAs = _sealer.Sign(c, tx, runId, hash);
            _sealer.Anchor.Append([sealedAs]);
        }
        catch (SealingException e)
        {
            throw new ResultsArchiveException(e.Path, e.Reason, e);
        }

        _log.Information("Run {Run} finished {Outcome}; record hash {Hash}, seal {Seal} signed", runId, outcome.ToText(), hash, sealedAs.Sequence);
        return hash;
    }

    private void RecoverInterruptedRuns()
    {
        using var tx = _control.BeginTransaction();
        using var query = _control.CreateCommand();
        query.Transaction = tx;
        query.CommandText = "SELECT id, owner FROM runs WHERE outcome = 'running' ORDER BY id";
        var orphans = new List<(long Run, string? Owner)>();
        using (var reader = query.ExecuteReader())
        {
            while (reader.Read())
            {
                string? owner = reader.IsDBNull(1) ? null : reader.GetString(1);
                if (!WriterLock.IsHeld(Path, owner))
                {
                    orphans.Add((reader.GetInt64(0), owner));
                }
            }
        }

        ILookup<long, long> anchored = orphans.Count == 0 ? Enumerable.Empty<long>().ToLookup(r => r, r => r) : _sealer.AnchoredSeals();
        foreach ((long run, string? owner) in orphans)
        {
            if (anchored[run].Any())
            {
                // Sealing it again would bless whatever was written into it since: leave it for results verify to report.
                _log.Warning("Run {Run} is marked running but the anchor records it sealed (seal {Seal}); not sealing it again", run, anchored[run].Max());
                continue;
            }

            _log.Warning("Run {Run} was left running by a writer that is gone (its lock is free); marking it interrupted", run);
            Seal(_control, tx, run, ArchivedOutcome.Interrupted, null);
            WriterLock.Remove(Path, owner);
        }

        tx.Commit();
    }

    private async Task<T> ControlAsync<T>(Func<SqliteConnection, SqliteTransaction, T> work, CancellationToken cancellationToken)
    {
        await _controlLock.WaitAsync(cancellationToken);
        try
        {
            return await Task.Run(
                () =>
                {
                    try
                    {
                        // A reader's transaction is deferred: BEGIN IMMEDIATE would take the write lock.
                        using SqliteTransaction tx = _control.BeginTransaction(deferred: _writer is null);
                        T result = work(_control, tx);
                        tx.Commit();
                        return result;
                    }
                    catch (SqliteException e)
                    {
                        throw new ResultsArchiveException(Path, e.Message, e);
                    }
                },
                cancellationToken);
        }
        finally
        {
            _controlLock.Release();
        }
    }

    private static SqliteConnection Connect(string path)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = false,
            DefaultTimeout = 30,
        }.ToString());
        connection.Open();
        using var pragmas = connection.CreateCommand();
        pragmas.CommandText = "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA busy_timeout = 10000;";
        pragmas.ExecuteNonQuery();
        return connection;
    }

    /// <summary>The full path, refused when it is a device, FIFO, socket or folder rather than a file.</summary>
    internal static string RequireFilePath(string path)
    {
        string full = System.IO.Path.GetFullPath(path);
        if (Interop.FileKind.NotRegular(full) is { } kind)
        {
            throw new ResultsArchiveException(full, $"is {kind}, not a results archive file; name a file with --results");
        }

        return full;
    }

    /// <summary>A read-only connection to an existing archive (its schema checked), for any reader of it.</summary>
    internal static SqliteConnection ConnectReader(string full)
    {
        SqliteConnection? control = null;
        try
        {
            control = ConnectReadOnly(full, immutable: false);
            bool hasSchema;
            try
            {
                hasSchema = HasSchema(control);
            }
            catch (SqliteException e) when (e.SqliteErrorCode is 14 or 8)
            {
                // SQLITE_CANTOPEN/READONLY: a WAL archive in a folder this user may not write has no -shm to share;
                // nobody can be writing it then, so it is read as it stands on disk.
                control.Dispose();
                control = ConnectReadOnly(full, immutable: true);
                hasSchema = HasSchema(control);
            }

            return hasSchema ? control : throw new ResultsArchiveException(full, "not a UsocHil results archive (no schema_version table)");
        }
        catch (SqliteException e)
        {
            control?.Dispose();
            throw new ResultsArchiveException(full, $"cannot read the results archive: {e.Message}", e);
        }
        catch (ResultsArchiveException)
        {
            control?.Dispose();
            throw;
        }
    }

    private static SqliteConnection ConnectReadOnly(string path, bool immutable)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = immutable ? new Uri(path).AbsoluteUri + "?immutable=1" : path,
            Mode = SqliteOpenMode.ReadOnly,
            Pooling = false,
            DefaultTimeout = 30,
        }.ToString());
        connection.Open();
        using var pragmas = connection.CreateCommand();
        pragmas.CommandText = "PRAGMA busy_timeout = 10000; PRAGMA query_only = 1;";
        pragmas.ExecuteNonQuery();
        return connection;
    }

    private static bool HasSchema(SqliteConnection connection)
    {
        using var query = connection.CreateCommand();
        query.CommandText = "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'";
        return (long)query.ExecuteScalar()! > 0;
    }

    public async ValueTask DisposeAsync()
    {
        if (_writer is not null)
        {
            await _writer.DisposeAsync();
        }

        _writerLock?.Dispose();
        _sealer.Dispose();
        _writerConnection?.Dispose();
        _control.Dispose();
        _controlLock.Dispose();
    }
}
