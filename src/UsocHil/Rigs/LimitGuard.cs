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

    /// <param name="raise">Raises an alarm of the rig session.</param>
    public LimitGuard(IReadOnlyList<LimitDefinition> limits, Action<RigAlarm> raise, ILogger log)
    {
        _monitor = new LimitMonitor(limits);
        _raise = raise;
        _log = log;
    }

    /// <summary>Checks one report's samples (all at the report's rig time) and raises an alarm per change of level.</summary>
    public void Observe(IReadOnlyList<TelemetrySample> samples)
    {
        List<LimitTransition>? transitions = null;
        lock (_gate)
        {
            foreach (TelemetrySample sample in samples)
            {
                if (_monitor.Observe(sample.Parameter, sample.Value, out LimitTransition transition))
                {
                    (transitions ??= []).Add(transition);
                }
            }
        }

        foreach (LimitTransition transition in transitions ?? [])
        {
            DateTimeOffset at = samples[0].RigTime;
            if (transition.IsRed && !IsInhibited(transition.Parameter))
            {
                _log.Error("Red limit: {Parameter} = {Value} (from {From})", transition.Parameter, transition.Value, transition.From);
                _raise(new RigAlarm(RigAlarmKind.HardLimitViolated, transition.Parameter, $"{transition.Parameter} = {transition.Value:G6} outside its red limit", at));
            }
            else
            {
                _log.Warning("Limit {Parameter} {From} -> {To} at {Value}", transition.Parameter, transition.From, transition.To, transition.Value);
                _raise(new RigAlarm(RigAlarmKind.Warning, transition.Parameter, $"{transition.Parameter} {transition.From} -> {transition.To} at {transition.Value:G6}", at));
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
