namespace UsocHil.Framing.Ccsds;

/// <summary>
/// A header field given to an encoder does not fit its bits (or is reserved): named as the packet JSON names it
/// (<c>apid</c>, <c>sequenceFlags</c>, <c>ackFlags</c>, ...), with its value and the range it must be in.
/// </summary>
public sealed class PacketFieldException : ArgumentException
{
    public PacketFieldException(string field, object value, string range)
        : base($"header field {field}: {value} is outside {range}")
    {
        Field = field;
        Value = value;
    }

    public string Field { get; }

    public object Value { get; }
}
