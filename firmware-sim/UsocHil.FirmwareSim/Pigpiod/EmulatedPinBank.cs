namespace UsocHil.FirmwareSim.Pigpiod;

/// <summary>
/// The pins of an emulated GPIO adapter (Broadcom 0-53): modes and levels the harness sets through pigpiod, and the
/// levels the emulated payload drives back. A pin in output mode shows its latch (or its PWM); an input shows what the
/// payload drives, or its pull when nothing drives it. Thread-safe; events are raised outside the lock.
/// </summary>
public sealed class EmulatedPinBank
{
    public const int PinCount = 54;

    private readonly object _gate = new();
    private readonly EmulatedPin[] _pins = Enumerable.Range(0, PinCount).Select(_ => new EmulatedPin()).ToArray();

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

    /// <summary>
    /// The rig declares the pin an input: the payload drives it, so the adapter refuses to drive it (pigpio's
    /// PI_NOT_PERMITTED for WRITE, an output mode, PWM, servo pulses; PI_SOME_PERMITTED for a bank write touching it).
    /// Reading it, its pull and its filters stay allowed.
    /// </summary>
    public void ReserveInput(int pin)
    {
        lock (_gate)
        {
            At(pin).PayloadDriven = true;
        }
    }

    /// <summary>The emulated payload drives a pin (an input of the harness, such as a fault flag).</summary>
    public void Drive(int pin, bool high) => Change(pin, p => p.Driven = high, fromHarness: false);

    /// <summary>The emulated payload lets go of a pin: it reads its pull again.</summary>
    public void Release(int pin) => Change(pin, p => p.Driven = null, fromHarness: false);

    /// <summary>Reads a pin's state under the lock.</summary>
    internal T Inspect<T>(int pin, Func<EmulatedPin, T> read)
    {
        lock (_gate)
        {
            return read(At(pin));
        }
    }

    /// <summary>The harness side (pigpiod) changes a pin; a change of level raises the events. Returns what <paramref name="change"/> returns.</summary>
    internal T Apply<T>(int pin, Func<EmulatedPin, T> change)
    {
        T result = default!;
        Change(pin, p => result = change(p), fromHarness: true);
        return result;
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

    private EmulatedPin At(int pin) =>
        pin is >= 0 and < PinCount ? _pins[pin] : throw new ArgumentOutOfRangeException(nameof(pin), pin, "Broadcom GPIO are 0-53");

    private void Change(int pin, Action<EmulatedPin> change, bool fromHarness)
    {
        bool before;
        bool after;
        ulong levels;
        lock (_gate)
        {
            EmulatedPin p = At(pin);
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
}
