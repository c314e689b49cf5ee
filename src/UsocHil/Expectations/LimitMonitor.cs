using System.Runtime.CompilerServices;
using UsocHil.Description;

namespace UsocHil.Expectations;

/// <summary>
/// Watches every limit continuously, one sample at a time, and reports when a limit's level changes. A level is
/// entered only after <c>persistence</c> consecutive samples at or beyond it, and left only after as many samples back
/// inside, so a single noisy sample neither trips nor clears a limit. A sample's level is the worse of its static band
/// and its delta limit (the change from the parameter's previous sample). A conditional limit is checked only while
/// its condition parameter's latest sample has the given value; when the condition stops holding, the limit returns to
/// nominal at once. Allocation-free per sample: the housekeeping path feeds it millions of samples per second. Not
/// thread-safe; one monitor per telemetry stream.
/// </summary>
public sealed class LimitMonitor
{
    private readonly LimitBands[] _bands;
    private readonly DeltaBands[] _deltas;
    private readonly LimitCondition?[] _conditions;
    private readonly int[] _conditionSlots;
    private readonly NominalBand[] _nominalBands;
    private readonly double[] _latest;
    private readonly ChannelState[] _states;
    private readonly Dictionary<string, int[]> _channels = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _slots = new(StringComparer.Ordinal);

    public LimitMonitor(IEnumerable<LimitDefinition> limits)
    {
        LimitDefinition[] definitions = [.. limits];
        _bands = [.. definitions.Select(l => new LimitBands(l))];
        _deltas = [.. definitions.Select(l => new DeltaBands(l.Delta, l.Parameter))];
        _conditions = [.. definitions.Select(l => l.When)];
        _states = new ChannelState[definitions.Length];
        _conditionSlots = new int[definitions.Length];
        _nominalBands = [.. _bands.Select((b, i) => definitions[i].Delta is null && definitions[i].When is null
            ? new NominalBand(b.YellowLow, b.YellowHigh)
            : new NominalBand(double.NaN, double.NaN))];
        for (int i = 0; i < definitions.Length; i++)
        {
            string parameter = definitions[i].Parameter;
            if (definitions.Take(i).Any(d => d.Parameter == parameter && d.When == definitions[i].When))
            {
                throw new ArgumentException($"two limits on {parameter}" + (definitions[i].When is { } w ? $" while {w}" : ""), nameof(limits));
            }

            _channels[parameter] = [.. _channels.GetValueOrDefault(parameter) ?? [], i];
            _conditionSlots[i] = definitions[i].When is { } when ? SlotOf(when.Parameter) : -1;
        }

        _latest = new double[_slots.Count];
        Array.Fill(_latest, double.NaN);
    }

    public int ChannelCount => _bands.Length;

    /// <summary>The first channel of <paramref name="parameter"/>, or -1 when it has no limits. Look it up once, then observe by channel.</summary>
    public int ChannelOf(string parameter) => _channels.TryGetValue(parameter, out int[]? channels) ? channels[0] : -1;

    /// <summary>Every channel (one per limit) of <paramref name="parameter"/>; empty when it has no limits.</summary>
    public IReadOnlyList<int> ChannelsOf(string parameter) => _channels.TryGetValue(parameter, out int[]? channels) ? channels : [];

    public string ParameterOf(int channel) => _bands[channel].Parameter;

    public LimitBands BandsOf(int channel) => _bands[channel];

    public LimitLevel LevelOf(int channel) => _states[channel].Level;

    /// <summary>True when the worst level of any channel is red.</summary>
    public bool AnyRed
    {
        get
        {
            foreach (ref readonly ChannelState s in _states.AsSpan())
            {
                if (s.Level == LimitLevel.Red)
                {
                    return true;
                }
            }

            return false;
        }
    }

    /// <summary>
    /// Notes the latest value of a parameter that conditions other limits; do this for every sample of a report before
    /// observing its limited ones, so a limit and its condition sampled together are judged on the same report.
    /// </summary>
    public void Note(string parameter, double value)
    {
        if (_slots.TryGetValue(parameter, out int slot))
        {
            _latest[slot] = value;
        }
    }

    /// <summary>Feeds one sample to the first limit of its parameter; true (with the transition) when its level changed.</summary>
    public bool Observe(string parameter, double value, out LimitTransition transition)
    {
        Note(parameter, value);
        int channel = ChannelOf(parameter);
        if (channel < 0)
        {
            transition = default;
            return false;
        }

        return Observe(channel, value, double.NaN, out transition);
    }

    /// <summary>Feeds one sample at <paramref name="seconds"/> of rig time to every limit of its parameter, adding each change of level to <paramref name="transitions"/>.</summary>
    public void Observe(string parameter, double value, double seconds, List<LimitTransition> transitions)
    {
        Note(parameter, value);
        if (!_channels.TryGetValue(parameter, out int[]? channels))
        {
            return;
        }

        foreach (int channel in channels)
        {
            if (Observe(channel, value, seconds, out LimitTransition transition))
            {
                transitions.Add(transition);
            }
        }
    }

    /// <summary>Feeds one sample with no rig time: delta limits per second are not measured.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool Observe(int channel, double value, out LimitTransition transition) => Observe(channel, value, double.NaN, out transition);

    /// <summary>Feeds one sample at <paramref name="seconds"/> of rig time; true (with the transition) when the channel's level changed.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool Observe(int channel, double value, double seconds, out LimitTransition transition)
    {
        ref ChannelState s = ref _states[channel];
        ref readonly NominalBand nominal = ref _nominalBands[channel];
        if (s.Level == LimitLevel.Nominal && value >= nominal.Low && value <= nominal.High)
        {
            // The common case on the housekeeping path: a nominal sample on a nominal channel moves only the counters.
            (s.AtLeastYellow, s.Red) = (0, 0);
            s.BelowRed++;
            s.Nominal++;
            transition = default;
            return false;
        }

        return Classify(channel, value, seconds, ref s, out transition);
    }

    private bool Classify(int channel, double value, double seconds, ref ChannelState s, out LimitTransition transition)
    {
        ref readonly LimitBands bands = ref _bands[channel];
        ref readonly DeltaBands delta = ref _deltas[channel];
        double change = double.NaN;
        if (delta.IsSet)
        {
            if (s.HasPrevious)
            {
                change = delta.Change(s.Previous, s.PreviousSeconds, value, seconds);
            }

            if (double.IsFinite(value))
            {
                (s.HasPrevious, s.Previous, s.PreviousSeconds) = (true, value, seconds);
            }
        }

        int slot = _conditionSlots[channel];
        if (slot >= 0 && !_conditions[channel]!.Holds(_latest[slot]))
        {
            return NotApplicable(channel, ref s, value, out transition);
        }

        LimitLevel byBand = bands.Classify(value);
        LimitLevel byDelta = delta.Classify(change);
        LimitLevel raw = byBand >= byDelta ? byBand : byDelta;
        s.AtLeastYellow = raw >= LimitLevel.Yellow ? s.AtLeastYellow + 1 : 0;
        s.Red = raw == LimitLevel.Red ? s.Red + 1 : 0;
        s.BelowRed = raw < LimitLevel.Red ? s.BelowRed + 1 : 0;
        s.Nominal = raw == LimitLevel.Nominal ? s.Nominal + 1 : 0;

        int p = bands.Persistence;
        LimitLevel next = s.Level switch
        {
            _ when s.Red >= p => LimitLevel.Red,
            LimitLevel.Red when s.BelowRed >= p => s.Nominal >= p ? LimitLevel.Nominal : LimitLevel.Yellow,
            LimitLevel.Nominal when s.AtLeastYellow >= p => LimitLevel.Yellow,
            LimitLevel.Yellow when s.Nominal >= p => LimitLevel.Nominal,
            _ => s.Level,
        };

        if (next == s.Level)
        {
            transition = default;
            return false;
        }

        transition = new LimitTransition(bands.Parameter, s.Level, next, value, byDelta > byBand ? change : null, _conditions[channel]?.ToString());
        s.Level = next;
        return true;
    }

    public void Reset()
    {
        Array.Clear(_states);
        Array.Fill(_latest, double.NaN);
    }

    /// <summary>A conditional limit whose condition does not hold: no excursion counts, and a tripped level clears.</summary>
    private bool NotApplicable(int channel, ref ChannelState s, double value, out LimitTransition transition)
    {
        (s.AtLeastYellow, s.Red, s.BelowRed, s.Nominal) = (0, 0, 0, 0);
        if (s.Level == LimitLevel.Nominal)
        {
            transition = default;
            return false;
        }

        transition = new LimitTransition(_bands[channel].Parameter, s.Level, LimitLevel.Nominal, value, null, _conditions[channel]?.ToString());
        s.Level = LimitLevel.Nominal;
        return true;
    }

    private int SlotOf(string parameter)
    {
        if (!_slots.TryGetValue(parameter, out int slot))
        {
            _slots[parameter] = slot = _slots.Count;
        }

        return slot;
    }

    /// <summary>The yellow band of a limit with neither a delta nor a condition; NaN (never inside) for the others.</summary>
    private readonly record struct NominalBand(double Low, double High);

    private struct ChannelState
    {
        public LimitLevel Level;
        public int AtLeastYellow;
        public int Red;
        public int BelowRed;
        public int Nominal;
        public bool HasPrevious;
        public double Previous;
        public double PreviousSeconds;
    }
}
