namespace UsocHil.Framing.Ccsds;

/// <summary>
/// Bytes that are not a packet of the expected profile: the one error every decoder of this folder throws, naming the
/// field and the byte offset (from the first octet of the packet) where decoding stopped.
/// </summary>
public sealed class PacketDecodeException : Exception
{
    public PacketDecodeException(string field, int offset, string message)
        : base($"{field} at byte {offset}: {message}")
    {
        Field = field;
        Offset = offset;
    }

    /// <summary>The field that could not be decoded, for example <c>data_length</c> or <c>pus_version</c>.</summary>
    public string Field { get; }

    /// <summary>The byte offset of that field from the first octet of the packet.</summary>
    public int Offset { get; }
}
