namespace UsocHil.Description;

/// <summary>The named commands, parameters, housekeeping structures and events of one payload.</summary>
public sealed record RigDictionary
{
    public IReadOnlyList<ParameterDefinition> Parameters { get; set; } = [];
    public IReadOnlyList<HousekeepingStructureDefinition> Housekeeping { get; set; } = [];
    public IReadOnlyList<CommandDefinition> Commands { get; set; } = [];
    public IReadOnlyList<EventDefinition> Events { get; set; } = [];
    public IReadOnlyList<FailureCodeDefinition> FailureCodes { get; set; } = [];

    /// <summary>Packet layouts by field (XTCE containers), for packets other than the PUS services' own.</summary>
    public IReadOnlyList<PacketDefinition> Packets { get; set; } = [];
}

/// <summary>
/// A telemetry or settable parameter. Engineering value = sum of calibration[i] * raw^i, or the piecewise-linear
/// <see cref="Spline"/> through [raw, engineering] points (identity when neither).
/// </summary>
public sealed record ParameterDefinition
{
    public required int Id { get; init; }
    public required string Name { get; init; }

    /// <summary>
    /// Wire type: uint8, int8, uint16, int16, uint32, int32, float32, float64 (what PUS services carry), or in packet
    /// layouts any uintN or intN (two's complement) of 1 to 64 bits, bool (1 bit) or boolN, stringN and bytesN,
    /// string and bytes (sized by <see cref="Size"/>) and cdsN (a CCSDS day-segmented time).
    /// </summary>
    public required string Type { get; init; }

    public string? Unit { get; init; }
    public IReadOnlyList<double>? Calibration { get; init; }

    /// <summary>[raw, engineering] points in rising raw order, joined by straight lines and extended by the end segments.</summary>
    public IReadOnlyList<IReadOnlyList<double>>? Spline { get; init; }

    /// <summary>Allowed engineering range [low, high] for values set through service 20.</summary>
    public IReadOnlyList<double>? Range { get; init; }

    public IReadOnlyDictionary<string, string>? Enum { get; init; }
    public bool Settable { get; init; }

    /// <summary>Lost when the payload loses power or reboots.</summary>
    public bool Volatile { get; init; }

    public string? Description { get; init; }

    /// <summary>The thermocouple type when the parameter is a thermocouple's indicated temperature.</summary>
    public ThermocoupleDefinition? Thermocouple { get; init; }

    /// <summary>When the parameter is an absolute or relative time (its engineering value in seconds).</summary>
    public TimeDefinition? Time { get; init; }

    /// <summary>How long a <c>string</c> or <c>bytes</c> field without a fixed size is in each packet.</summary>
    public FieldSizeDefinition? Size { get; init; }
}

/// <summary>A service 3 housekeeping report: which parameters, in which order.</summary>
public sealed record HousekeepingStructureDefinition
{
    public required int StructureId { get; init; }
    public required string Name { get; init; }
    public int IntervalMs { get; set; } = 1000;
    public required IReadOnlyList<string> Parameters { get; init; }
}

/// <summary>A telecommand by name. Service 8 commands carry a function ID before their arguments.</summary>
public sealed record CommandDefinition
{
    public required string Name { get; init; }
    public required int Service { get; init; }
    public required int Subtype { get; init; }
    public int? FunctionId { get; init; }
    public IReadOnlyList<ArgumentDefinition> Arguments { get; set; } = [];
    public string? Description { get; init; }

    /// <summary>Executing it twice does what executing it once does, so it may be sent again when its report is lost.</summary>
    public bool Idempotent { get; init; }
}

public sealed record ArgumentDefinition
{
    public required string Name { get; init; }
    public required string Type { get; init; }
    public string? Unit { get; init; }
    public IReadOnlyList<double>? Range { get; init; }
}

/// <summary>A service 5 event; severity info, low, medium or high (subtypes 1 to 4).</summary>
public sealed record EventDefinition(int Id, string Name, string Severity);

/// <summary>A service 1 failure code and its meaning.</summary>
public sealed record FailureCodeDefinition(int Code, string Name);
