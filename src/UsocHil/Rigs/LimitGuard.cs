using Serilog;
using UsocHil.Description;
using UsocHil.Expectations;

namespace UsocHil.Rigs;

/// <summary>
/// The rig session's continuous limit check: every housekeeping sample goes through the rig's limit monitor, a red
/// limit raises a hard-limit alarm on the report that confirms it, any other change of level a warning. A declared
/// inhibition turns a parameter's red limits into warnings until it is disposed (inhibitions nest).
/// </summary>
internal sealed class LimitGuard
{
    private readonly LimitMonitor _monitor;
    private readonly Action<RigAlarm> _raise;
    private readonly ILogger _log;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, int> _inhibited = new(StringComparer.Ordinal);
    private readonly HashSet<string> _perSecond;
    private readonly List<LimitTransition> _changed = [];
    private DateTimeOffset? _origin;

    /// <param name="raise">Raises an alarm of the rig session.</param>
    public LimitGuard(IReadOnlyList<LimitDefinition> limits, Action<RigAlarm> raise, ILogger log)
    {
        _monitor = new LimitMonitor(limits);
        _perSecond = [.. limits.Where(l => l.Delta?.Per == DeltaBasis.Second).Select(l => l.Parameter)];
        _raise = raise;
        _log = log;
    }

    /// <summary>
    /// Checks one report's samples (all at the report's rig time) and raises an alarm per change of level. Conditions
    /// are noted first, so a limit and the parameter it depends on, sampled in the same report, are judged together.
    /// </summary>
    public void Observe(IReadOnlyList<TelemetrySample> samples)
    {
        if (samples.Count == 0)
        {
            return;
        }

        LimitTransition[] transitions;
        lock (_gate)
        {
            // Seconds from the first report keep a double's precision for the rate between two reports.
            _origin ??= samples[0].RigTime;
            foreach (TelemetrySample sample in samples)
            {
                _monitor.Note(sample.Parameter, sample.Value);
            }

            foreach (TelemetrySample sample in samples)
            {
                _monitor.Observe(sample.Parameter, sample.Value, (sample.RigTime - _origin.Value).TotalSeconds, _changed);
            }

            transitions = _changed.Count == 0 ? [] : [.. _changed];
            _changed.Clear();
        }

        DateTimeOffset at = samples[0].RigTime;
        foreach (LimitTransition transition in transitions)
        {
            string change = transition.Change is double c ? $", changed by {c:G6}{Units(transition.Parameter)}" : "";
            string condition = transition.Condition is null ? "" : $" (applicable while {transition.Condition})";
            if (transition.IsRed && !IsInhibited(transition.Parameter))
            {
                string limit = transition.Change is null ? "red limit" : "red delta limit";
                _log.Error("Red limit: {Parameter} = {Value} (from {From}){Change}{Condition}", transition.Parameter, transition.Value, transition.From, change, condition);
                _raise(new RigAlarm(RigAlarmKind.HardLimitViolated, transition.Parameter, $"{transition.Parameter} = {transition.Value:G6}{change} outside its {limit}{condition}", at));
            }
            else
            {
                _log.Warning("Limit {Parameter} {From} -> {To} at {Value}{Change}{Condition}", transition.Parameter, transition.From, transition.To, transition.Value, change, condition);
                _raise(new RigAlarm(RigAlarmKind.Warning, transition.Parameter, $"{transition.Parameter} {transition.From} -> {transition.To} at {transition.Value:G6}{change}{condition}", at));
            }
        }
    }

    /// <summary>Stops red limits on <paramref name="parameters"/> from raising hard-limit alarms until the result is disposed.</summary>
    public IDisposable Inhibit(IReadOnlyList<string> parameters)
    {
        Count(parameters, +1);
        _log.Warning("Red limits inhibited on {Parameters}", parameters);
        return new Inhibition(this, parameters);
    }

    private string Units(string parameter) => _perSecond.Contains(parameter) ? "/s" : "";

    private bool IsInhibited(string parameter)
    {
        lock (_gate)
        {
            return _inhibited.GetValueOrDefault(parameter) > 0;
        }
    }

    private void Release(IReadOnlyList<string> parameters)
    {
        Count(parameters, -1);
        _log.Information("Red limits on {Parameters} enforced again", parameters);
    }

    private void Count(IReadOnlyList<string> parameters, int by)
    {
        lock (_gate)
        {
            foreach (string parameter in parameters)
            {
                _inhibited[parameter] = _inhibited.GetValueOrDefault(parameter) + by;
            }
        }
    }

    /// <summary>Ends one inhibition, once however often it is disposed.</summary>
    private sealed class Inhibition(LimitGuard guard, IReadOnlyList<string> parameters) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                guard.Release(parameters);
            }
        }
    }
}
