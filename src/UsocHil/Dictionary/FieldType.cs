using System.Globalization;
using UsocHil.Protocols.Pus;

namespace UsocHil.Dictionary;

/// <summary>How a field is encoded in a packet.</summary>
public enum FieldKind
{
    Unsigned,
    Signed,
    Float,
    Boolean,

    /// <summary>A fixed-length character string (UTF-8 or ASCII), padded with NULs.</summary>
    Text,

    /// <summary>A fixed-length block of octets (a checksum, a memory dump).</summary>
    Octets,

    /// <summary>
    /// A CCSDS day-segmented (CDS) time: a 16- or 24-bit day count, 32-bit milliseconds of the day, and optionally 16-bit
    /// microseconds or 32-bit picoseconds of the millisecond (CCSDS 301.0-B-4, 3.3), read as seconds from its epoch.
    /// </summary>
    DaySegmented,
}

/// <summary>
/// A parameter's wire type read as a packet field: <c>uintN</c> and <c>intN</c> (two's complement) of 1 to 64 bits,
/// <c>float32</c>/<c>float64</c> (IEEE 754), <c>bool</c> (1 bit) or <c>boolN</c>; all big-endian; and, in packet layouts
/// only, <c>stringN</c> (N octets of UTF-8 text, NUL-padded) and <c>bytesN</c> (N octets), 1 to 65,536 octets;
/// <c>string</c> and <c>bytes</c> without N, whose size the packet says (a parameter's <c>size</c>: a leading count, a
/// terminator or another field), with <see cref="Bits"/> 0; and <c>cdsN</c>, a CCSDS day-segmented time of N octets
/// (6: 16-bit day and milliseconds, 7: 24-bit day, 8 and 9: with microseconds, 10 and 11: with picoseconds).
/// </summary>
public readonly record struct FieldType(FieldKind Kind, int Bits)
{
    public const int MaxBits = 64;

    /// <summary>The longest string or octet block, in octets.</summary>
    public const int MaxOctets = 65536;

    /// <summary>Whether the field holds text or octets rather than a number.</summary>
    public bool IsBlock => Kind is FieldKind.Text or FieldKind.Octets;

    /// <summary>A string or octet block whose size the packet says (a leading count, a terminator or another field).</summary>
    public bool IsVariable => IsBlock && Bits == 0;

    /// <summary>The day count's width of a CDS time: 16 bits, or 24 for the 7, 9 and 11 octet forms.</summary>
    public int DayBits => Kind == FieldKind.DaySegmented && Bits / 8 % 2 == 1 ? 24 : 16;

    /// <summary>The sub-millisecond segment's width of a CDS time: 0, 16 (microseconds) or 32 bits (picoseconds).</summary>
    public int SubMillisecondBits => Kind == FieldKind.DaySegmented ? Bits - DayBits - 32 : 0;

    /// <summary>Whether a field of this type starts and ends on octets and has a size the CPU reads in one go.</summary>
    public bool IsWholeOctets => !IsBlock && Kind != FieldKind.DaySegmented && Bits is 8 or 16 or 32 or 64;

    /// <summary>The PUS wire type this field is, when it is one (what housekeeping and service 20 can carry).</summary>
    public WireType? WireType => (Kind, Bits) switch
    {
        (FieldKind.Unsigned, 8) => Protocols.Pus.WireType.UInt8,
        (FieldKind.Signed, 8) => Protocols.Pus.WireType.Int8,
        (FieldKind.Unsigned, 16) => Protocols.Pus.WireType.UInt16,
        (FieldKind.Signed, 16) => Protocols.Pus.WireType.Int16,
        (FieldKind.Unsigned, 32) => Protocols.Pus.WireType.UInt32,
        (FieldKind.Signed, 32) => Protocols.Pus.WireType.Int32,
        (FieldKind.Float, 32) => Protocols.Pus.WireType.Float32,
        (FieldKind.Float, 64) => Protocols.Pus.WireType.Float64,
        _ => null,
    };

    public static bool TryParse(string? text, out FieldType type)
    {
        type = default;
        if (text is null)
        {
            return false;
        }

        string lower = text.ToLowerInvariant();
        if (lower is "string" or "bytes")
        {
            type = new FieldType(lower == "string" ? FieldKind.Text : FieldKind.Octets, 0);
            return true;
        }

        if (lower.StartsWith("cds", StringComparison.Ordinal) && lower.Length == 4 && lower[3] is >= '6' and <= '9'
            || lower is "cds10" or "cds11")
        {
            type = new FieldType(FieldKind.DaySegmented, int.Parse(lower.AsSpan(3), CultureInfo.InvariantCulture) * 8);
            return true;
        }

        if ((Block(lower, "string", FieldKind.Text) ?? Block(lower, "bytes", FieldKind.Octets)) is { } block)
        {
            type = block;
            return true;
        }

        (FieldKind kind, string bits) = lower switch
        {
            "bool" => (FieldKind.Boolean, "1"),
            "float32" or "float64" => (FieldKind.Float, lower[5..]),
            _ when lower.StartsWith("uint", StringComparison.Ordinal) => (FieldKind.Unsigned, lower[4..]),
            _ when lower.StartsWith("int", StringComparison.Ordinal) => (FieldKind.Signed, lower[3..]),
            _ when lower.StartsWith("bool", StringComparison.Ordinal) => (FieldKind.Boolean, lower[4..]),
            _ => (FieldKind.Unsigned, ""),
        };
        if (bits.Length == 0 || bits[0] == '0' || !int.TryParse(bits, NumberStyles.None, CultureInfo.InvariantCulture, out int size) || size is < 1 or > MaxBits)
        {
            return false;
        }

        type = new FieldType(kind, size);
        return true;
    }

    private static FieldType? Block(string lower, string prefix, FieldKind kind) =>
        lower.StartsWith(prefix, StringComparison.Ordinal) && lower.Length > prefix.Length && lower[prefix.Length] != '0'
            && int.TryParse(lower.AsSpan(prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out int octets) && octets is >= 1 and <= MaxOctets
            ? new FieldType(kind, octets * 8)
            : null;

    public static FieldType Parse(string text) => TryParse(text, out FieldType type)
        ? type
        : throw new ArgumentException($"'{text}' is not a field type (uintN or intN of 1 to 64 bits, float32, float64, bool, boolN, stringN, bytesN, string, bytes, cds6 to cds11)", nameof(text));

    public override string ToString() => Kind switch
    {
        FieldKind.Unsigned => $"uint{Bits}",
        FieldKind.Signed => $"int{Bits}",
        FieldKind.Float => $"float{Bits}",
        FieldKind.Text => Bits == 0 ? "string" : $"string{Bits / 8}",
        FieldKind.Octets => Bits == 0 ? "bytes" : $"bytes{Bits / 8}",
        FieldKind.DaySegmented => $"cds{Bits / 8}",
        _ => Bits == 1 ? "bool" : $"bool{Bits}",
    };
}
