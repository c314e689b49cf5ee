using UsocHil.Protocols.Scpi;

namespace UsocHil.FirmwareSim.Instruments.Scpi;

/// <summary>
/// The IEEE 488.2 status model (§11) with SCPI-99's two status registers (§9): the standard event status register
/// and its enable (*ESR?, *ESE), the status byte and its service request enable (*STB?, *SRE), and the OPERation and
/// QUEStionable registers (condition, positive-transition event, enable) summarised into status byte bits 7 and 3.
/// </summary>
public sealed class ScpiStatus
{
    public const int ErrorQueueBit = 1 << 2;
    public const int QuestionableBit = 1 << 3;
    public const int MessageAvailableBit = 1 << 4;
    public const int EventStatusBit = 1 << 5;
    public const int RequestServiceBit = 1 << 6;
    public const int OperationBit = 1 << 7;

    private readonly ScpiErrorQueue _errors;
    private int _eventStatus;

    public ScpiStatus(ScpiErrorQueue errors)
    {
        _errors = errors;
        // An error can be pushed by the device under its own lock (an output trip), so the register is set atomically.
        _errors.Pushed += code => Interlocked.Or(ref _eventStatus, ScpiEventStatus.BitFor(code));
        _eventStatus = ScpiEventStatus.PowerOn;
    }

    /// <summary>The standard event status register.</summary>
    public int EventStatus => Volatile.Read(ref _eventStatus);

    /// <summary>Sets event bits (OPC on *OPC).</summary>
    public void Raise(int bits) => Interlocked.Or(ref _eventStatus, bits);

    /// <summary>*ESR?: the register, cleared by reading it.</summary>
    public int ReadEventStatus() => Interlocked.Exchange(ref _eventStatus, 0);

    public int EventStatusEnable { get; set; }

    /// <summary>The service request enable; bit 6 cannot be enabled (IEEE 488.2 §11.3.2.3).</summary>
    public int ServiceRequestEnable { get; set; }

    public ScpiRegister Operation { get; } = new();

    public ScpiRegister Questionable { get; } = new();

    /// <summary>*STB?: the status byte, with MSS in bit 6; <paramref name="messageAvailable"/> says whether output is waiting.</summary>
    public int StatusByte(bool messageAvailable)
    {
        int stb = (_errors.Count > 0 ? ErrorQueueBit : 0)
            | (Questionable.Summary ? QuestionableBit : 0)
            | (messageAvailable ? MessageAvailableBit : 0)
            | ((EventStatus & EventStatusEnable) != 0 ? EventStatusBit : 0)
            | (Operation.Summary ? OperationBit : 0);
        return stb | ((stb & ServiceRequestEnable & ~RequestServiceBit) != 0 ? RequestServiceBit : 0);
    }

    /// <summary>*CLS: the event registers and the error queue emptied; enables kept.</summary>
    public void Clear()
    {
        Interlocked.Exchange(ref _eventStatus, 0);
        _errors.Clear();
        Operation.ReadEvent();
        Questionable.ReadEvent();
    }
}

/// <summary>A SCPI status register (SCPI-99 §9.2) with the default positive-transition filter: an event latches when a condition bit rises.</summary>
public sealed class ScpiRegister
{
    private readonly Func<int> _noCondition = () => 0;
    private int _lastCondition;
    private int _event;

    /// <summary>Where the condition comes from; set by the instrument that has something to report.</summary>
    public Func<int>? ConditionSource { get; set; }

    public int Enable { get; set; }

    public int Condition
    {
        get
        {
            int condition = (ConditionSource ?? _noCondition)() & 0x7FFF;
            _event |= condition & ~_lastCondition;
            _lastCondition = condition;
            return condition;
        }
    }

    public bool Summary
    {
        get
        {
            _ = Condition;
            return (_event & Enable) != 0;
        }
    }

    /// <summary>The event register, cleared by reading it.</summary>
    public int ReadEvent()
    {
        _ = Condition;
        int value = _event;
        _event = 0;
        return value;
    }
}
