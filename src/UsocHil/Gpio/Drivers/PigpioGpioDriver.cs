using System.Device.Gpio;
using Serilog;
using UsocHil.Gpio.Drivers.Pigpio;

namespace UsocHil.Gpio.Drivers;

/// <summary>
/// A remote Raspberry Pi as GPIO adapter, over pigpiod's socket interface (port 8888 by default): modes, pulls, levels
/// and bank reads and writes, with edge events by polling bank 1. pigpio cannot report a pin's pull, so the driver
/// remembers the pulls it set.
/// </summary>
public sealed class PigpioGpioDriver : GpioDriver
{
    /// <summary>Broadcom GPIO 0-53.</summary>
    private const int BroadcomPins = 54;

    private readonly PigpioConnection _connection;
    private readonly EdgePoller _poller;
    private readonly Dictionary<int, PinMode> _pulls = [];

    private PigpioGpioDriver(PigpioConnection connection, TimeSpan pollInterval, TimeProvider timeProvider, ILogger log)
    {
        _connection = connection;
        _poller = new EdgePoller(ReadLevels, pollInterval, timeProvider, log);
    }

    public string Endpoint => _connection.Endpoint;

    protected override int PinCount => BroadcomPins;

    /// <summary>Connects to pigpiod and checks that it answers (PIGPV, HWVER).</summary>
    /// <param name="timeProvider">Paces edge polling and the connect timeout: pass the wall clock, since polling is a
    /// transport concern (a rig clock running 400× faster would poll 400× as often).</param>
    public static async Task<PigpioGpioDriver> ConnectAsync(
        string host, int port, TimeProvider timeProvider, ILogger log, CancellationToken cancellationToken, TimeSpan? pollInterval = null)
    {
        PigpioConnection connection = await PigpioConnection.ConnectAsync(host, port, TimeSpan.FromSeconds(3), timeProvider, cancellationToken).ConfigureAwait(false);
        try
        {
            uint version = connection.Execute(PigpioCommand.Pigpv);
            uint hardware = connection.Execute(PigpioCommand.Hwver);
            log.Information("GPIO through pigpiod {Endpoint}: pigpio version {Version}, hardware revision {Hardware:x}", connection.Endpoint, version, hardware);
            return new PigpioGpioDriver(connection, pollInterval ?? TimeSpan.FromMilliseconds(5), timeProvider, log);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    public override GpioChipInfo GetChipInfo() =>
        new(0, "pigpio", $"pigpiod at {Endpoint}, hardware revision {_connection.Execute(PigpioCommand.Hwver):x}", BroadcomPins);

    /// <summary>pigpiod's microsecond tick (wraps every 72 minutes).</summary>
    public uint Tick() => _connection.Execute(PigpioCommand.Tick);

    protected override void OpenPin(int pinNumber) => CheckPin(pinNumber);

    protected override void ClosePin(int pinNumber) => _poller.RemoveAll(pinNumber);

    protected override void SetPinMode(int pinNumber, PinMode mode)
    {
        CheckPin(pinNumber);
        switch (mode)
        {
            case PinMode.Output:
                _connection.Execute(PigpioCommand.Modes, (uint)pinNumber, PigpioMode.Output);
                return;
            case PinMode.Input or PinMode.InputPullUp or PinMode.InputPullDown:
                _connection.Execute(PigpioCommand.Modes, (uint)pinNumber, PigpioMode.Input);
                uint pull = mode switch { PinMode.InputPullUp => PigpioMode.PullUp, PinMode.InputPullDown => PigpioMode.PullDown, _ => PigpioMode.PullOff };
                _connection.Execute(PigpioCommand.Pud, (uint)pinNumber, pull);
                lock (_pulls)
                {
                    _pulls[pinNumber] = mode;
                }

                return;
            default:
                throw new GpioException(Endpoint, $"pin mode {mode} is not available through pigpio");
        }
    }

    protected override PinMode GetPinMode(int pinNumber)
    {
        uint mode = _connection.Execute(PigpioCommand.Modeg, (uint)pinNumber);
        if (mode == PigpioMode.Output)
        {
            return PinMode.Output;
        }

        lock (_pulls)
        {
            return _pulls.TryGetValue(pinNumber, out PinMode pull) ? pull : PinMode.Input;
        }
    }

    protected override bool IsPinModeSupported(int pinNumber, PinMode mode) =>
        mode is PinMode.Input or PinMode.Output or PinMode.InputPullUp or PinMode.InputPullDown;

    protected override PinValue Read(int pinNumber) => _connection.Execute(PigpioCommand.Read, (uint)pinNumber) != 0 ? PinValue.High : PinValue.Low;

    protected override void Read(Span<PinValuePair> pinValuePairs)
    {
        ulong levels = ReadLevels(pinValuePairs.ToArray().Any(p => p.PinNumber >= 32));
        for (int i = 0; i < pinValuePairs.Length; i++)
        {
            int pin = pinValuePairs[i].PinNumber;
            pinValuePairs[i] = new PinValuePair(pin, (levels & (1UL << pin)) != 0 ? PinValue.High : PinValue.Low);
        }
    }

    protected override void Write(int pinNumber, PinValue value) =>
        _connection.Execute(PigpioCommand.Write, (uint)pinNumber, value == PinValue.High ? 1u : 0u);

    /// <summary>Writes pins of one bank together (BS1/BC1, BS2/BC2): one exchange per bank and level.</summary>
    protected override void Write(ReadOnlySpan<PinValuePair> pinValuePairs)
    {
        ulong set = 0;
        ulong clear = 0;
        foreach (PinValuePair pair in pinValuePairs)
        {
            CheckPin(pair.PinNumber);
            if (pair.PinValue == PinValue.High)
            {
                set |= 1UL << pair.PinNumber;
            }
            else
            {
                clear |= 1UL << pair.PinNumber;
            }
        }

        BankWrite(PigpioCommand.Bs1, PigpioCommand.Bs2, set);
        BankWrite(PigpioCommand.Bc1, PigpioCommand.Bc2, clear);
    }

    protected override void Toggle(int pinNumber) => Write(pinNumber, Read(pinNumber) == PinValue.High ? PinValue.Low : PinValue.High);

    protected override WaitForEventResult WaitForEvent(int pinNumber, PinEventTypes eventTypes, CancellationToken cancellationToken)
    {
        CheckPin(pinNumber);
        try
        {
            PinEventTypes happened = _poller.WaitAsync(pinNumber, eventTypes, cancellationToken).GetAwaiter().GetResult();
            return new WaitForEventResult { EventTypes = happened, TimedOut = false };
        }
        catch (OperationCanceledException)
        {
            return new WaitForEventResult { EventTypes = PinEventTypes.None, TimedOut = true };
        }
    }

    protected override void AddCallbackForPinValueChangedEvent(int pinNumber, PinEventTypes eventTypes, PinChangeEventHandler callback)
    {
        CheckPin(pinNumber);
        _poller.Add(pinNumber, eventTypes, callback);
    }

    protected override void RemoveCallbackForPinValueChangedEvent(int pinNumber, PinChangeEventHandler callback) => _poller.Remove(pinNumber, callback);

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _poller.Dispose();
            _connection.Dispose();
        }

        base.Dispose(disposing);
    }

    private ulong ReadLevels(bool highBank)
    {
        ulong levels = _connection.Execute(PigpioCommand.Br1);
        if (highBank)
        {
            levels |= (ulong)_connection.Execute(PigpioCommand.Br2) << 32;
        }

        return levels;
    }

    private void BankWrite(PigpioCommand low, PigpioCommand high, ulong bits)
    {
        if ((uint)bits != 0)
        {
            _connection.Execute(low, (uint)bits);
        }

        if ((bits >> 32) != 0)
        {
            _connection.Execute(high, (uint)(bits >> 32));
        }
    }

    private void CheckPin(int pinNumber)
    {
        if (pinNumber is < 0 or >= BroadcomPins)
        {
            throw new GpioException(Endpoint, $"GPIO {pinNumber} is not a Broadcom GPIO (0-53)");
        }
    }
}
