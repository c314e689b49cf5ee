using UsocHil.Description;

namespace UsocHil.Expectations;

/// <summary>
/// Watches every limited parameter continuously, one sample at a time, and reports when a parameter's level changes.
/// A level is entered only after <c>persistence</c> consecutive samples at or beyond it, and left only after as many
/// samples back inside, so a single noisy sample neither trips nor clears a limit. Allocation-free per sample: the
/// housekeeping path feeds it millions of samples per second. Not thread-safe; one monitor per telemetry stream.
/// </summary>
public sealed class LimitMonitor
{
    private readonly LimitBands[] _bands;
    private readonly ChannelState[] _states;
    private readonly Dictionary<string, int> _channels = new(StringComparer.Ordinal);

    public LimitMonitor(IEnumerable<LimitDefinition> limits)
    {
        _bands = limits.Select(l => new LimitBands(l)).ToArray();
        _states = new ChannelState[_bands.Length];
        for (int i = 0; i < _bands.Length; i++)
        {
            if (!_channels.TryAdd(_bands[i].Parameter, i))
            {
                throw new ArgumentException($"two limits on {_bands[i].Parameter}", nameof(limits));
            }
        }
    }

    public int ChannelCount => _bands.Length;

    /// <summary>The channel of <paramref name="parameter"/>, or -1 when it has no limits. Look it up once, then observe by channel.</summary>
    public int ChannelOf(string parameter) => _channels.TryGetValue(parameter, out int channel) ? channel : -1;

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

    public bool Observe(string parameter, double value, out LimitTransition transition)
    {
        int channel = ChannelOf(parameter);
        if (channel < 0)
        {
            transition = default;
            return false;
        }

        return Observe(channel, value, out transition);
    }

    /// <summary>Feeds one sample; true (with the transition) when the channel's level changed.</summary>
    public bool Observe(int channel, double value, out LimitTransition transition)
    {
        ref readonly LimitBands bands = ref _bands[channel];
        ref ChannelState s = ref _states[channel];
        LimitLevel raw = bands.Classify(value);
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

        transition = new LimitTransition(bands.Parameter, s.Level, next, value);
        s.Level = next;
        return true;
    }

    public void Reset() => Array.Clear(_states);

    private struct ChannelState
    {
        public LimitLevel Level;
        public int AtLeastYellow;
        public int Red;
        public int BelowRed;
        public int Nominal;
    }
}
