namespace UsocHil.MissionDatabase.Mib;

/// <summary>
/// SCOS-2000 parameter type and format codes (PTC/PFC) as field types: 1 boolean, 2 enumerated (PFC bits),
/// 3 unsigned and 4 signed integers (PFC 0–12 are 4–16 bits, 13 is 24, 14 is 32, 15 is 48, 16 is 64), 5 real (PFC 1
/// IEEE single, 2 double), 7 octet and 8 character strings of a fixed length (PFC octets) or, PFC 0, of a variable
/// length given by a leading count (see <see cref="VariablePrefixBits"/>), 9 and 10 CUC times (see
/// <see cref="Cuc(int, int)"/>) and PTC 9 PFC 1 and 2, CDS times without and with microseconds.
/// </summary>
internal static class MibTypes
{
    public static string? FieldType(int ptc, int pfc) => (ptc, pfc) switch
    {
        (1, 0) => "bool",
        (2, >= 1 and <= 32) => $"uint{pfc}",
        (3, _) when Bits(pfc) is int bits => $"uint{bits}",
        (4, _) when Bits(pfc) is int bits => $"int{bits}",
        (5, 1) => "float32",
        (5, 2) => "float64",
        (7, > 0 and <= Dictionary.FieldType.MaxOctets) => $"bytes{pfc}",
        (8, > 0 and <= Dictionary.FieldType.MaxOctets) => $"string{pfc}",
        (7, 0) => "bytes",
        (8, 0) => "string",
        (9, 1) => "cds6",
        (9, 2) => "cds8",
        _ => null,
    };

    /// <summary>
    /// The width of the count in front of a variable string or octet string (PFC 0) in telemetry. The MIB does not say
    /// it (it is the ground system's configuration); one octet is what yamcs-scos2k assumes for telemetry by default.
    /// </summary>
    public const int VariablePrefixBits = 8;

    /// <summary>
    /// PTC 9 (absolute time) and 10 (relative time) in CCSDS unsegmented code: PFC 3 to 18 are 1 to 4 coarse and 0 to 3
    /// fine octets, PFC = 3 + 4 (coarse - 1) + fine, as the CUC P-field counts them.
    /// </summary>
    public static (int Coarse, int Fine)? Cuc(int ptc, int pfc) =>
        ptc is 9 or 10 && pfc is >= 3 and <= 18 ? (1 + ((pfc - 3) / 4), (pfc - 3) % 4) : null;

    /// <summary>The PFC of a CUC time of these octets (the inverse of <see cref="Cuc(int, int)"/>).</summary>
    public static int? CucPfc(int coarse, int fine) => coarse is >= 1 and <= 4 && fine is >= 0 and <= 3 ? 3 + (4 * (coarse - 1)) + fine : null;

    /// <summary>The PUS wire type a command argument of this PTC/PFC travels as, when it is one.</summary>
    public static string? WireType(int ptc, int pfc) => FieldType(ptc, pfc) is { } type && type is "uint8" or "int8" or "uint16" or "int16" or "uint32" or "int32" or "float32" or "float64" ? type : null;

    /// <summary>The PTC/PFC a field type is written as, when it has one (the inverse of <see cref="FieldType(int, int)"/>).</summary>
    public static (int Ptc, int Pfc)? Codes(Dictionary.FieldType field) => (field.Kind, field.Bits) switch
    {
        (Dictionary.FieldKind.Boolean, 1) => (1, 0),
        (Dictionary.FieldKind.Octets, 0) => (7, 0),
        (Dictionary.FieldKind.Text, 0) => (8, 0),
        (Dictionary.FieldKind.DaySegmented, 48) => (9, 1),
        (Dictionary.FieldKind.DaySegmented, 64) => (9, 2),
        (Dictionary.FieldKind.Octets, int bits) => (7, bits / 8),
        (Dictionary.FieldKind.Text, int bits) => (8, bits / 8),
        (Dictionary.FieldKind.Float, 32) => (5, 1),
        (Dictionary.FieldKind.Float, 64) => (5, 2),
        (Dictionary.FieldKind.Unsigned, int bits) when Pfc(bits) is int pfc => (3, pfc),
        (Dictionary.FieldKind.Unsigned, <= 32 and int bits) => (2, bits),
        (Dictionary.FieldKind.Signed, int bits) when Pfc(bits) is int pfc => (4, pfc),
        _ => null,
    };

    private static int? Pfc(int bits) => bits switch
    {
        >= 4 and <= 16 => bits - 4,
        24 => 13,
        32 => 14,
        48 => 15,
        64 => 16,
        _ => null,
    };

    private static int? Bits(int pfc) => pfc switch
    {
        >= 0 and <= 12 => pfc + 4,
        13 => 24,
        14 => 32,
        15 => 48,
        16 => 64,
        _ => null,
    };
}
