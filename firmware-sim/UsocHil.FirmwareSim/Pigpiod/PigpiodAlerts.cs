namespace UsocHil.FirmwareSim.Pigpiod;

/// <summary>
/// Level changes of bank 1 (GPIO 0-31) as pigpio reports them to notifications, after each pin's filters. Without a
/// filter a change is reported at once. A glitch filter (FG, steady µs) reports a new level only once it has held for
/// steady µs, stamped then; a shorter pulse is never reported. A noise filter (FN, steady and active µs) waits for a
/// level to hold steady µs, then reports every change for active µs, then waits again. Timers run on the server's
/// <see cref="TimeProvider"/>.
/// </summary>
internal sealed class PigpiodAlerts : IDisposable
{
    private const int Bank1 = 32;

    private readonly EmulatedPinBank _pins;
    private readonly TimeProvider _time;
    private readonly Func<uint> _tick;
    private readonly object _gate = new();
    private readonly ITimer?[] _pending = new ITimer?[Bank1];
    private readonly long[] _noiseOpenUntil = new long[Bank1];
    private uint _reported;

    public PigpiodAlerts(EmulatedPinBank pins, TimeProvider time, Func<uint> tick)
    {
        _pins = pins;
        _time = time;
        _tick = tick;
        _reported = (uint)pins.ReadAll();
        _pins.LevelsChanged += OnLevelsChanged;
    }

    /// <summary>A reported change: tick, the bank-1 levels as reported, the pin that changed.</summary>
    public event Action<uint, uint, int>? Reported;

    public void Dispose()
    {
        _pins.LevelsChanged -= OnLevelsChanged;
        lock (_gate)
        {
            foreach (ITimer? timer in _pending)
            {
                timer?.Dispose();
            }
        }
    }

    private void OnLevelsChanged(ulong levels, ulong changed)
    {
        for (int pin = 0; pin < Bank1; pin++)
        {
            if ((changed & (1UL << pin)) != 0)
            {
                Consider(pin, (levels & (1UL << pin)) != 0);
            }
        }
    }

    private void Consider(int pin, bool level)
    {
        (uint glitch, uint noiseSteady, uint noiseActive) = _pins.Inspect(pin, p => (p.GlitchSteady, p.NoiseSteady, p.NoiseActive));
        lock (_gate)
        {
            _pending[pin]?.Dispose();
            _pending[pin] = null;
            long now = _time.GetTimestamp();
            if (noiseSteady > 0 && now < _noiseOpenUntil[pin])
            {
                Report(pin, level);
                return;
            }

            uint steady = noiseSteady > 0 ? noiseSteady : glitch;
            if (steady == 0)
            {
                Report(pin, level);
                return;
            }

            if (Bit(_reported, pin) == level && noiseSteady == 0)
            {
                return; // a glitch shorter than the filter: back where it was reported
            }

            _pending[pin] = _time.CreateTimer(_ => Settled(pin, level, noiseSteady > 0 ? noiseActive : 0), null, TimeSpan.FromMicroseconds(steady), Timeout.InfiniteTimeSpan);
        }
    }

    private void Settled(int pin, bool level, uint openFor)
    {
        if (_pins.GetLevel(pin) != level)
        {
            return;
        }

        lock (_gate)
        {
            _pending[pin]?.Dispose();
            _pending[pin] = null;
            if (openFor > 0)
            {
                _noiseOpenUntil[pin] = _time.GetTimestamp() + (long)(TimeSpan.FromMicroseconds(openFor).TotalSeconds * _time.TimestampFrequency);
            }

            if (Bit(_reported, pin) != level)
            {
                Report(pin, level);
            }
        }
    }

    private void Report(int pin, bool level)
    {
        _reported = level ? _reported | (1u << pin) : _reported & ~(1u << pin);
        Reported?.Invoke(_tick(), _reported, pin);
    }

    private static bool Bit(uint levels, int pin) => (levels & (1u << pin)) != 0;
}
