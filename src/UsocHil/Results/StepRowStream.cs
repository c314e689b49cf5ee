using Microsoft.Data.Sqlite;

namespace UsocHil.Results;

/// <summary>
/// A station archive's transitions and steps, a row at a time while the hash consumes them, for sealing and verifying
/// a run: the rows every step adds, read with <see cref="RawQuery"/> and never held as lists (a long run's rows, kept
/// whole until hashed, outlived the collector's youngest generation and were copied into the older ones). The rows,
/// their order and their values are those <see cref="RunRecordReader"/> reads.
/// </summary>
internal static class StepRowStream
{
    /// <summary>A run's transitions in recorded order; @run is the run's id (also parameter 1).</summary>
    public const string TransitionsSql = "SELECT time, from_state, to_state, trigger FROM transitions WHERE run_id = @run ORDER BY id";

    /// <summary>A run's steps in recorded order; @run is the run's id (also parameter 1).</summary>
    public const string StepsSql = "SELECT step_index, name, kind, started, ended, outcome, message FROM steps WHERE run_id = @run ORDER BY id";

    public static IEnumerable<TransitionRow> Transitions(SqliteConnection c, long runId)
    {
        using var query = new RawQuery(c, TransitionsSql).Bind(1, runId);
        while (query.Read())
        {
            yield return new TransitionRow(query.Time(0), query.RepeatedText(1), query.RepeatedText(2), query.RepeatedText(3));
        }
    }

    public static IEnumerable<StepRow> Steps(SqliteConnection c, long runId)
    {
        using var query = new RawQuery(c, StepsSql).Bind(1, runId);
        while (query.Read())
        {
            yield return new StepRow(query.Int32(0), query.Text(1), query.RepeatedText(2), query.Time(3), query.TimeOrNull(4), query.RepeatedTextOrNull(5), query.TextOrNull(6));
        }
    }
}
