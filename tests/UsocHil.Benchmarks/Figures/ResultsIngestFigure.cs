using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Serilog.Core;
using UsocHil.Results;

namespace UsocHil.Benchmarks.Figures;

/// <summary>
/// Figure 4: telemetry samples made durable in the results archive (RecordTelemetryAsync, then FlushAsync), against
/// the floor of raw prepared inserts of the same rows into the same table shape, one transaction, same provider and pragmas.
/// </summary>
public sealed class ResultsIngestFigure : IFigure
{
    private static readonly string[] Parameters = ["TC1_TEMP", "TC2_TEMP", "TC3_TEMP", "HEATER_POWER", "CONTROL_TEMP", "SETPOINT"];

    public string Name => "4. Results ingest into SQLite";

    public async Task<IReadOnlyList<FigureRow>> MeasureAsync(FigureSettings settings, CancellationToken cancellationToken)
    {
        int samples = settings.Scale(1_000_000);
        string directory = Path.Combine(settings.ArtifactsDirectory, "ingest");
        if (Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }

        Directory.CreateDirectory(directory);
        double harness = await MeasureArchiveAsync(Path.Combine(directory, "archive.sqlite"), samples, cancellationToken);
        double floor = MeasureRawInserts(Path.Combine(directory, "raw.sqlite"), samples);
        SqliteConnection.ClearAllPools();
        return
        [
            new(Name, "RunRecorder.RecordTelemetryAsync + FlushAsync", harness, "samples/s",
                "raw prepared INSERTs, one transaction", floor, "≥ 200,000 samples/s", harness >= 200_000, LowerIsBetter: false),
        ];
    }

    private static async Task<double> MeasureArchiveAsync(string path, int samples, CancellationToken cancellationToken)
    {
        await using ResultsArchive archive = await ResultsArchive.OpenAsync(path, TimeProvider.System, Logger.None, cancellationToken);
        await using RunRecorder recorder = await archive.BeginRunAsync(new RunHeader { Rig = "furnace-em", Sequence = "bench" }, TimeProvider.System, cancellationToken);
        var t0 = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        long start = Stopwatch.GetTimestamp();
        for (int i = 0; i < samples; i++)
        {
            await recorder.RecordTelemetryAsync(t0.AddTicks(i * 10_000L), Parameters[i % Parameters.Length], 800 + (i % 1000) * 0.1, cancellationToken);
        }

        await recorder.FlushAsync(cancellationToken);
        return samples / Stopwatch.GetElapsedTime(start).TotalSeconds;
    }

    private static double MeasureRawInserts(string path, int samples)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path }.ToString());
        connection.Open();
        using (SqliteCommand setup = connection.CreateCommand())
        {
            setup.CommandText = "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;" +
                "CREATE TABLE telemetry(run_id INTEGER NOT NULL, time_us INTEGER NOT NULL, parameter_id INTEGER NOT NULL, value REAL);" +
                "CREATE INDEX telemetry_run ON telemetry(run_id);";
            setup.ExecuteNonQuery();
        }

        long start = Stopwatch.GetTimestamp();
        using (SqliteTransaction transaction = connection.BeginTransaction())
        using (SqliteCommand insert = connection.CreateCommand())
        {
            insert.Transaction = transaction;
            insert.CommandText = "INSERT INTO telemetry(run_id, time_us, parameter_id, value) VALUES (1, $t, $p, $v)";
            SqliteParameter time = insert.Parameters.Add("$t", SqliteType.Integer);
            SqliteParameter parameter = insert.Parameters.Add("$p", SqliteType.Integer);
            SqliteParameter value = insert.Parameters.Add("$v", SqliteType.Real);
            insert.Prepare();
            for (int i = 0; i < samples; i++)
            {
                time.Value = 1_767_225_600_000_000L + i * 1_000L;
                parameter.Value = i % Parameters.Length;
                value.Value = 800 + (i % 1000) * 0.1;
                insert.ExecuteNonQuery();
            }

            transaction.Commit();
        }

        return samples / Stopwatch.GetElapsedTime(start).TotalSeconds;
    }
}
