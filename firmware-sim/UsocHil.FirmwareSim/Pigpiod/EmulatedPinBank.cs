namespace UsocHil.FirmwareSim.Pigpiod;

/// <summary>
/// The pins of an emulated GPIO adapter (Broadcom 0-53): modes and levels the harness sets through pigpiod, and the
/// levels the emulated payload drives back. A pin in output mode shows its latch; an input shows what the payload
/// drives, or its pull when nothing drives it. Thread-safe; events are raised outside the lock.
/// </summary>
public sealed class EmulatedPinBank
{
    public const int PinCount = 54;

    private readonly object _gate = new();
    private readonly Pin[] _pins = Enumerable.Range(0, PinCount).Select(_ => new Pin()).ToArray();

    /// <summary>The harness changed a level on the wire (a write, or a pin switched to output). For the emulator to react to.</summary>
    public event EventHandler<EmulatedPinChangedEventArgs>? HarnessChanged;

    /// <summary>Any level changed, from either side: all 54 levels as a bit mask (for pigpio notifications).</summary>
    internal event Action<ulong, ulong>? LevelsChanged;

    /// <summary>The level on the wire.</summary>
    public bool GetLevel(int pin)
    {
        lock (_gate)
        {
            return At(pin).Level;
        }
    }

    /// <summary>The emulated payload drives a pin (an input of the harness, such as FAULT_N).</summary>
    public void Drive(int pin, bool high) => Change(pin, p => p.Driven = high, fromHarness: false);

    /// <summary>The emulated payload lets go of a pin: it reads its pull again.</summary>
    public void Release(int pin) => Change(pin, p => p.Driven = null, fromHarness: false);

    internal uint GetMode(int pin)
    {
        lock (_gate)
        {
            return At(pin).Mode;
        }
    }

    internal void SetMode(int pin, uint mode) => Change(pin, p => p.Mode = mode, fromHarness: true);

    internal void SetPull(int pin, uint pull) => Change(pin, p => p.Pull = pull, fromHarness: true);

    /// <summary>pigpio's gpioWrite: sets the latch and switches the pin to output.</summary>
    internal void Write(int pin, bool high) => Change(pin, p =>
    {
        p.Latch = high;
        p.Mode = Pin.Output;
    }, fromHarness: true);

    /// <summary>BS1/BC1/BS2/BC2: sets or clears the latches of output pins in a bank; other pins are left alone.</summary>
    internal void WriteBank(int firstPin, uint bits, bool high)
    {
        for (int i = 0; i < 32 && firstPin + i < PinCount; i++)
        {
            if ((bits & (1u << i)) != 0)
            {
                Change(firstPin + i, p => p.Latch = high, fromHarness: true);
            }
        }
    }

    internal ulong ReadAll()
    {
        lock (_gate)
        {
            return Levels();
        }
    }

    private ulong Levels()
    {
        ulong levels = 0;
        for (int i = 0; i < PinCount; i++)
        {
            if (_pins[i].Level)
            {
                levels |= 1UL << i;
            }
        }

        return levels;
    }

    private Pin At(int pin) =>
        pin is >= 0 and < PinCount ? _pins[pin] : throw new ArgumentOutOfRangeException(nameof(pin), pin, "Broadcom GPIO are 0-53");

    private void Change(int pin, Action<Pin> change, bool fromHarness)
    {
        bool before;
        bool after;
        ulong levels;
        lock (_gate)
        {
            Pin p = At(pin);
            before = p.Level;
            change(p);
            after = p.Level;
            if (before == after)
            {
                return;
            }

            levels = Levels();
        }

        if (fromHarness)
        {
            HarnessChanged?.Invoke(this, new EmulatedPinChangedEventArgs(pin, after));
        }

        LevelsChanged?.Invoke(levels, 1UL << pin);
    }

    private sealed class Pin
    {
        public const uint Input = 0;
        public const uint Output = 1;
        private const uint PullUp = 2;

        public uint Mode { get; set; } = Input;

        public uint Pull { get; set; }

        public bool Latch { get; set; }

        public bool? Driven { get; set; }

        public bool Level => Mode == Output ? Latch : Driven ?? Pull == PullUp;
    }
}
