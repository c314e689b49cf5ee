using System.Device.Gpio;

namespace UsocHil.Gpio.Drivers;

/// <summary>
/// An in-process GPIO chip for unit tests and in-process emulation. It tracks pin modes because
/// <see cref="GpioController"/> only forwards writes to pins its driver reports as outputs. Input levels are driven
/// from outside with <see cref="SetInputLevel"/>; inputs nobody drives read their pull (pull-up high, otherwise low).
/// </summary>
public sealed class SimGpioDriver : GpioDriver
{
    private readonly object _gate = new();
    private readonly SimPin[] _pins;
    private readonly List<(int Pin, PinEventTypes Types, PinChangeEventHandler Handler)> _callbacks = [];
    private readonly List<(int Pin, PinEventTypes Types, TaskCompletionSource<PinEventTypes> Waiter)> _waiters = [];

    public SimGpioDriver(int pinCount = 54)
    {
        _pins = new SimPin[pinCount];
        for (int i = 0; i < pinCount; i++)
        {
            _pins[i] = new SimPin();
        }
    }

    /// <summary>Raised after the harness wrote a level to an output pin (so an in-process emulator can react).</summary>
    public event EventHandler<PinValueChangedEventArgs>? OutputWritten;

    protected override int PinCount => _pins.Length;

    /// <summary>What the world outside drives on a pin: the payload's fault line, for example.</summary>
    public void SetInputLevel(int pinNumber, PinValue value)
    {
        Change(pinNumber, pin => pin.External = value);
    }

    /// <summary>Lets go of an input: it reads its pull again.</summary>
    public void ReleaseInput(int pinNumber) => Change(pinNumber, pin => pin.External = null);

    /// <summary>Fault injection: reads and writes of this pin fail from now on, as a dead adapter channel would.</summary>
    public void Break(int pinNumber)
    {
        lock (_gate)
        {
            Pin(pinNumber).Broken = true;
        }
    }

    /// <summary>The level on the pin as the outside world sees it, whatever its mode.</summary>
    public PinValue GetLevel(int pinNumber)
    {
        lock (_gate)
        {
            return Pin(pinNumber).Level;
        }
    }

    public override GpioChipInfo GetChipInfo() => new(0, "sim", "UsocHil simulated GPIO", _pins.Length);

    protected override void OpenPin(int pinNumber)
    {
        lock (_gate)
        {
            Pin(pinNumber).Open = true;
        }
    }

    protected override void ClosePin(int pinNumber)
    {
        lock (_gate)
        {
            SimPin pin = Pin(pinNumber);
            pin.Open = false;
            _callbacks.RemoveAll(c => c.Pin == pinNumber);
        }
    }

    protected override void SetPinMode(int pinNumber, PinMode mode)
    {
        if (!IsPinModeSupported(pinNumber, mode))
        {
            throw new InvalidOperationException($"sim GPIO pin {pinNumber} does not support {mode}");
        }

        Change(pinNumber, pin => pin.Mode = mode);
    }

    protected override PinMode GetPinMode(int pinNumber)
    {
        lock (_gate)
        {
            return Pin(pinNumber).Mode;
        }
    }

    protected override bool IsPinModeSupported(int pinNumber, PinMode mode) =>
        mode is PinMode.Input or PinMode.Output or PinMode.InputPullUp or PinMode.InputPullDown;

    protected override PinValue Read(int pinNumber)
    {
        lock (_gate)
        {
            return Usable(pinNumber).Level;
        }
    }

    protected override void Toggle(int pinNumber) => Write(pinNumber, !Read(pinNumber));

    protected override void Write(int pinNumber, PinValue value)
    {
        lock (_gate)
        {
            if (Usable(pinNumber).Mode != PinMode.Output)
            {
                throw new InvalidOperationException($"sim GPIO pin {pinNumber} is not an output");
            }
        }

        Change(pinNumber, pin => pin.Output = value);
        OutputWritten?.Invoke(this, new PinValueChangedEventArgs(value == PinValue.High ? PinEventTypes.Rising : PinEventTypes.Falling, pinNumber));
    }

    protected override WaitForEventResult WaitForEvent(int pinNumber, PinEventTypes eventTypes, CancellationToken cancellationToken)
    {
        var waiter = new TaskCompletionSource<PinEventTypes>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate)
        {
            _ = Pin(pinNumber);
            _waiters.Add((pinNumber, eventTypes, waiter));
        }

        using CancellationTokenRegistration registration = cancellationToken.Register(() => waiter.TrySetCanceled());
        try
        {
            PinEventTypes happened = waiter.Task.GetAwaiter().GetResult();
            return new WaitForEventResult { EventTypes = happened, TimedOut = false };
        }
        catch (OperationCanceledException)
        {
            return new WaitForEventResult { EventTypes = PinEventTypes.None, TimedOut = true };
        }
        finally
        {
            lock (_gate)
            {
                _waiters.RemoveAll(w => w.Waiter == waiter);
            }
        }
    }

    protected override void AddCallbackForPinValueChangedEvent(int pinNumber, PinEventTypes eventTypes, PinChangeEventHandler callback)
    {
        lock (_gate)
        {
            _ = Pin(pinNumber);
            _callbacks.Add((pinNumber, eventTypes, callback));
        }
    }

    protected override void RemoveCallbackForPinValueChangedEvent(int pinNumber, PinChangeEventHandler callback)
    {
        lock (_gate)
        {
            _callbacks.RemoveAll(c => c.Pin == pinNumber && c.Handler == callback);
        }
    }

    private SimPin Pin(int pinNumber) =>
        pinNumber >= 0 && pinNumber < _pins.Length
            ? _pins[pinNumber]
            : throw new ArgumentOutOfRangeException(nameof(pinNumber), pinNumber, $"sim GPIO has pins 0-{_pins.Length - 1}");

    private SimPin Usable(int pinNumber)
    {
        SimPin pin = Pin(pinNumber);
        return pin.Broken ? throw new IOException($"sim GPIO pin {pinNumber} is broken") : pin;
    }

    private void Change(int pinNumber, Action<SimPin> change)
    {
        List<PinChangeEventHandler> handlers = [];
        PinEventTypes edge;
        lock (_gate)
        {
            SimPin pin = Pin(pinNumber);
            PinValue before = pin.Level;
            change(pin);
            PinValue after = pin.Level;
            if (before == after)
            {
                return;
            }

            edge = after == PinValue.High ? PinEventTypes.Rising : PinEventTypes.Falling;
            handlers.AddRange(_callbacks.Where(c => c.Pin == pinNumber && (c.Types & edge) != 0).Select(c => c.Handler));
            foreach (var waiter in _waiters.Where(w => w.Pin == pinNumber && (w.Types & edge) != 0))
            {
                waiter.Waiter.TrySetResult(edge);
            }
        }

        var args = new PinValueChangedEventArgs(edge, pinNumber);
        foreach (PinChangeEventHandler handler in handlers)
        {
            handler(this, args);
        }
    }

    private sealed class SimPin
    {
        public bool Open { get; set; }

        public bool Broken { get; set; }

        public PinMode Mode { get; set; } = PinMode.Input;

        public PinValue Output { get; set; } = PinValue.Low;

        public PinValue? External { get; set; }

        public PinValue Level => Mode == PinMode.Output
            ? Output
            : External ?? (Mode == PinMode.InputPullUp ? PinValue.High : PinValue.Low);
    }
}
