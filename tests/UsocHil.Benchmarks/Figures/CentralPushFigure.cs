using System.Diagnostics;
using Npgsql;
using NpgsqlTypes;
using Serilog.Core;
using UsocHil.Central;
using UsocHil.Results;

namespace UsocHil.Benchmarks.Figures;

/// <summary>
/// Figure 9: a station's sealed run pushed to a central PostgreSQL archive on loopback (results push: read from the
/// station's SQLite file, one transaction, COPY), against the floor of a raw binary COPY of the same telemetry rows
/// into a bare table on the same server, in the same run. Also the wall time to push one hour of 10 Hz housekeeping.
/// </summary>
public sealed class CentralPushFigure : IFigure
{
    private static readonly string[] Parameters = ["TC1_TEMP", "TC2_TEMP", "TC3_TEMP", "HEATER_POWER", "CONTROL_TEMP", "SETPOINT",
        "TC1_RAW", "TC2_RAW", "TC3_RAW", "MODE", "FAULT_FLAGS", "SUPPLY_V"];

    public string Name => "9. Push to a central PostgreSQL archive";

    public async Task<IReadOnlyList<FigureRow>> MeasureAsync(FigureSettings settings, CancellationToken cancellationToken)
    {
        int samples = settings.Scale(2_000_000);
        int hour = settings.Smoke ? 4_320 : 432_000;
        string directory = Path.Combine(settings.ArtifactsDirectory, "push");
        if (Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }

        Directory.CreateDirectory(directory);
        await using PostgresServer server = await PostgresServer.StartAsync(cancellationToken);
        string big = await StationArchiveAsync(Path.Combine(directory, "big.db"), samples, cancellationToken);
        string oneHour = await StationArchiveAsync(Path.Combine(directory, "hour.db"), hour, cancellationToken);

        // The floor and the push take turns, each after a checkpoint and into a database of its own, each row the median
        // of its rounds: measured once each, whichever went second wrote while the server checkpointed the other's
        // 2,000,000 rows (the push measured 444,000-636,000 samples/s against the same floor).
        const int Rounds = 3;
        var floors = new List<double>();
        var pushes = new List<TimeSpan>();
        for (int round = 0; round < Rounds; round++)
        {
            await server.PsqlAsync("CHECKPOINT", cancellationToken, "postgres");
            floors.Add(await RawCopyAsync(server, samples, $"floor{round}", cancellationToken));
            await server.PsqlAsync("CHECKPOINT", cancellationToken, "postgres");
            pushes.Add(await PushAsync(server, big, $"big{round}", cancellationToken));
        }

        await server.PsqlAsync("CHECKPOINT", cancellationToken, "postgres");
        TimeSpan pushHour = await PushAsync(server, oneHour, "hour", cancellationToken);
        double floor = floors.Order().ElementAt(Rounds / 2);
        TimeSpan pushBig = pushes.Order().ElementAt(Rounds / 2);
        double harness = samples / pushBig.TotalSeconds;
        FigureNotes.Add(FormattableString.Invariant(
            $"9. {samples:N0} samples pushed in {pushBig.TotalSeconds:F2} s (median of {Rounds}; rounds, raw COPY then push: {string.Join(", ", floors.Zip(pushes, (f, p) => $"{f / 1000:F0}k/{samples / p.TotalSeconds / 1000:F0}k samples/s"))}); one hour at 10 Hz ({hour:N0} samples) in {pushHour.TotalSeconds:F2} s"));
        return
        [
            new(Name, $"results push of one sealed run of {samples:N0} telemetry samples (SQLite read, one transaction, COPY), median of {Rounds} rounds taking turns with the floor", harness, "samples/s",
                "raw binary COPY of the same rows into a bare table", floor, "≥ 500,000 samples/s", harness >= 500_000, LowerIsBetter: false),
            new(Name, $"results push of a one-hour run at 10 Hz ({hour:N0} samples, 12 parameters)", pushHour.TotalSeconds, "s",
                "the same rows by raw COPY at the floor's rate", hour / floor, "≤ 2 s", pushHour.TotalSeconds <= 2),
        ];
    }

    private static async Task<string> StationArchiveAsync(string path, int samples, CancellationToken ct)
    {
        await using ResultsArchive archive = await ResultsArchive.OpenAsync(path, TimeProvider.System, Logger.None, ct);
        await using RunRecorder recorder = await archive.BeginRunAsync(new RunHeader { Rig = "furnace-em", Sequence = "bench" }, TimeProvider.System, ct);
        var t0 = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        for (int i = 0; i < samples; i++)
        {
            await recorder.RecordTelemetryAsync(t0.AddTicks((i / Parameters.Length) * 1_000_000L), Parameters[i % Parameters.Length], 800 + (i % 1000) * 0.1, ct);
        }

        await recorder.FinishAsync(ArchivedOutcome.Passed, ct);
        return path;
    }

    private static async Task<TimeSpan> PushAsync(PostgresServer server, string archivePath, string database, CancellationToken ct)
    {
        await server.PsqlAsync($"CREATE DATABASE {database}", ct, "postgres");
        var connection = CentralConnection.Parse($"postgres://{PostgresServer.User}@127.0.0.1:{server.Port}/{database}");
        await using CentralArchive centre = await CentralArchive.OpenCentralAsync(connection, TimeProvider.System, create: true, ct);
        long start = Stopwatch.GetTimestamp();
        await using (ResultsArchive station = await ResultsArchive.OpenExistingAsync(archivePath, TimeProvider.System, Logger.None, ct))
        {
            PushReport report = await RunPush.PushAsync(station, "bench", centre, Logger.None, ct);
            if (report.Pushed != 1)
            {
                throw new InvalidOperationException($"push of {archivePath} pushed {report.Pushed} runs");
            }
        }

        return Stopwatch.GetElapsedTime(start);
    }

    private static async Task<double> RawCopyAsync(PostgresServer server, int samples, string database, CancellationToken ct)
    {
        await server.PsqlAsync($"CREATE DATABASE {database}", ct, "postgres");
        await using var c = new NpgsqlConnection($"Host=127.0.0.1;Port={server.Port};Username={PostgresServer.User};Database={database}");
        await c.OpenAsync(ct);
        await using (var create = new NpgsqlCommand("CREATE TABLE telemetry(run_id bigint NOT NULL, seq integer NOT NULL, time_us bigint NOT NULL, parameter_id bigint NOT NULL, value double precision, PRIMARY KEY (run_id, seq))", c))
        {
            await create.ExecuteNonQueryAsync(ct);
        }

        long start = Stopwatch.GetTimestamp();
        await using (NpgsqlTransaction tx = await c.BeginTransactionAsync(ct))
        {
            await using (NpgsqlBinaryImporter copy = await c.BeginBinaryImportAsync("COPY telemetry(run_id, seq, time_us, parameter_id, value) FROM STDIN (FORMAT BINARY)", ct))
            {
                for (int i = 0; i < samples; i++)
                {
                    copy.StartRow();
                    copy.Write(1L, NpgsqlDbType.Bigint);
                    copy.Write(i, NpgsqlDbType.Integer);
                    copy.Write(1_767_225_600_000_000L + (i / Parameters.Length) * 100_000L, NpgsqlDbType.Bigint);
                    copy.Write((long)(i % Parameters.Length), NpgsqlDbType.Bigint);
                    copy.Write(800 + (i % 1000) * 0.1, NpgsqlDbType.Double);
                }

                await copy.CompleteAsync(ct);
            }

            await tx.CommitAsync(ct);
        }

        return samples / Stopwatch.GetElapsedTime(start).TotalSeconds;
    }
}
