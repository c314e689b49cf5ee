using UsocHil.Rigs;

namespace UsocHil.Sequencing.Steps;

/// <summary>
/// A threshold search on the unit: each setting is written through service 20, held for the dwell while the
/// protection runs on board, then judged on the first housekeeping stamped after the dwell (tripped when the trip
/// parameter has its bits set). The reading is the highest stamped since the setting was made: the value the
/// protection saw, before the rig moved on. Re-arming sets the parameter back, sends the reset command and waits
/// for the trip bits to clear.
/// </summary>
internal sealed class RigThresholdProbe(StepContext context, string raised, string reading, string tripParameter, int tripBits, string? reset, TimeSpan dwell) : IThresholdProbe
{
    /// <summary>
    /// How long, in rig time, a fresh report or a cleared protection may take before the step fails: generous, as at
    /// 400x a harness stalled for a second of wall time is seven minutes of rig time.
    /// </summary>
    private static readonly TimeSpan s_patience = TimeSpan.FromMinutes(15);

    private readonly List<ThresholdTrial> _trials = [];

    public IReadOnlyList<ThresholdTrial> Trials => _trials;

    public async Task<ThresholdTrial> TryAsync(double setting, CancellationToken cancellationToken)
    {
        await context.Rig.SetParametersAsync(new Dictionary<string, double>(StringComparer.Ordinal) { [raised] = setting }, cancellationToken).ConfigureAwait(false);
        DateTimeOffset set = context.Now;
        await Task.Delay(dwell, context.Time, cancellationToken).ConfigureAwait(false);
        TelemetrySample flags = await ReportAfterAsync(set + dwell, cancellationToken).ConfigureAwait(false);
        IReadOnlyList<TelemetrySample> read = context.Rig.Telemetry.History(reading, set);
        var trial = new ThresholdTrial(setting, read.Count == 0 ? double.NaN : read.Max(s => s.Value), Tripped(flags.Value));
        context.Log.Debug("Threshold search: {Raised} = {Setting}, {Reading} = {Value}, tripped {Tripped}", raised, setting, reading, trial.Reading, trial.Tripped);
        _trials.Add(trial);
        return trial;
    }

    public async Task ResetAsync(double setting, CancellationToken cancellationToken)
    {
        await context.Rig.SetParametersAsync(new Dictionary<string, double>(StringComparer.Ordinal) { [raised] = setting }, cancellationToken).ConfigureAwait(false);
        if (reset is null)
        {
            throw new StepFailedException(context.Path, $"{tripParameter} tripped and there is no reset command to re-arm it for a finer search");
        }

        CommandRecord record = await context.Rig.SendCommandAsync(reset, new Dictionary<string, double>(StringComparer.Ordinal), cancellationToken).ConfigureAwait(false);
        context.Observer.OnCommand(record);
        if (!record.Succeeded)
        {
            throw new StepFailedException(context.Path, $"{reset} failed: {record.Failure}; the protection could not be re-armed");
        }

        DateTimeOffset sent = context.Now;
        DateTimeOffset deadline = sent + s_patience;
        while (true)
        {
            TelemetrySample flags = await ReportAfterAsync(sent, cancellationToken).ConfigureAwait(false);
            if (!Tripped(flags.Value))
            {
                return;
            }

            if (context.Now > deadline)
            {
                throw new StepFailedException(context.Path, $"{tripParameter} still tripped {s_patience.TotalSeconds:G3} s after {reset}");
            }

            sent = flags.RigTime + TimeSpan.FromTicks(1);
        }
    }

    private bool Tripped(double flags) => (((long)flags) & tripBits) == tripBits;

    /// <summary>The first sample of the trip parameter stamped at or after <paramref name="after"/>.</summary>
    private async Task<TelemetrySample> ReportAfterAsync(DateTimeOffset after, CancellationToken cancellationToken)
    {
        DateTimeOffset deadline = context.Now + s_patience;
        while (true)
        {
            if (context.Rig.Telemetry.History(tripParameter, after) is [var first, ..])
            {
                return first;
            }

            TimeSpan left = deadline - context.Now;
            if (left <= TimeSpan.Zero)
            {
                throw new StepFailedException(context.Path, $"no {tripParameter} in telemetry stamped after {after:HH:mm:ss.fff} for {s_patience.TotalSeconds:G3} s");
            }

            try
            {
                await context.Rig.Telemetry.NextUpdateAsync(cancellationToken).WaitAsync(left, context.Time, cancellationToken).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                // Checked once more, then reported as missing.
            }
        }
    }
}
