using System.Text.Json.Serialization;

namespace UsocHil.FirmwareSim.Plant;

/// <summary>
/// A rig's dynamics model, the contents of <c>rigs/&lt;rig&gt;/model.json</c> (schema: schemas/model.schema.json):
/// the physics and onboard behaviour the generic payload emulator runs behind the rig's dictionary. Formulas are
/// <see cref="SignalExpression"/> text; a number is a formula too.
/// </summary>
public sealed record PlantDefinition
{
    [JsonPropertyName("$schema")]
    public string? Schema { get; init; }

    public string? Description { get; init; }

    /// <summary>The fixed integration step of rig time.</summary>
    public double StepSeconds { get; init; } = 0.01;

    /// <summary>How often the truth file gets a line (and at every change of a GPIO line or of power).</summary>
    public double TruthIntervalSeconds { get; init; } = 1;

    public PowerDefinition Power { get; init; } = new();

    public BootDefinition Boot { get; init; } = new();

    public VerificationDelays Verification { get; init; } = new();

    /// <summary>Fixed values of the design, the same for every unit.</summary>
    public IReadOnlyDictionary<string, double> Constants { get; init; } = new Dictionary<string, double>();

    /// <summary>
    /// The seed of the per-unit draws as a formula of SERIAL (default: a mix of the serial number). A model that must
    /// reproduce the units of another emulator gives that emulator's seeding (and lists its draws in the same order).
    /// </summary>
    [JsonConverter(typeof(FormulaConverter))]
    public string? UnitSeed { get; init; }

    /// <summary>Values drawn once per unit from its seed, so units differ like real ones, in this order.</summary>
    public IReadOnlyList<UnitDraw> Units { get; init; } = [];

    /// <summary>Onboard software states: set by functions and events, back to these values at boot and power loss.</summary>
    public IReadOnlyDictionary<string, double> States { get; init; } = new Dictionary<string, double>();

    /// <summary>Settable parameters' values at boot when the EEPROM holds none.</summary>
    public IReadOnlyDictionary<string, double> Defaults { get; init; } = new Dictionary<string, double>();

    /// <summary>Evaluated in order at every step; each defines the signal it names.</summary>
    public IReadOnlyList<BlockDefinition> Blocks { get; init; } = [];

    /// <summary>Telemetry parameters (by dictionary name) and the formula that gives each.</summary>
    [JsonConverter(typeof(FormulaMapConverter))]
    public IReadOnlyDictionary<string, string> Parameters { get; init; } = new Dictionary<string, string>();

    /// <summary>GPIO inputs of the harness the rig drives (asserted when the formula is non-zero).</summary>
    [JsonConverter(typeof(FormulaMapConverter))]
    public IReadOnlyDictionary<string, string> Lines { get; init; } = new Dictionary<string, string>();

    /// <summary>Service 8 functions by the dictionary's command name.</summary>
    public IReadOnlyDictionary<string, FunctionDefinition> Functions { get; init; } = new Dictionary<string, FunctionDefinition>();

    /// <summary>Service 5 events raised when their condition becomes true (while booted), with what they do.</summary>
    public IReadOnlyList<TriggerDefinition> Events { get; init; } = [];

    /// <summary>Measuring instruments by the rig's instrument name: SCPI query header to the formula it answers.</summary>
    public IReadOnlyDictionary<string, InstrumentModel> Instruments { get; init; } = new Dictionary<string, InstrumentModel>();
}

/// <summary>The payload is powered while the supply gives at least <see cref="MinimumVolts"/> (and the line, if named, is asserted).</summary>
public sealed record PowerDefinition
{
    public string Supply { get; init; } = "supply";
    public double MinimumVolts { get; init; } = 24;
    public string? Line { get; init; }

    /// <summary>The current the payload draws from the supply.</summary>
    [JsonConverter(typeof(FormulaConverter))]
    public string LoadAmperes { get; init; } = "0.5";
}

public sealed record BootDefinition
{
    public double Seconds { get; init; } = 2;

    /// <summary>The dictionary event sent when booting completes.</summary>
    public string? Event { get; init; }

    /// <summary>The value the boot event carries (a formula, for example SERIAL); none when null.</summary>
    [JsonConverter(typeof(FormulaConverter))]
    public string? Value { get; init; }
}

/// <summary>When service 1 reports leave after a telecommand, in rig time.</summary>
public sealed record VerificationDelays
{
    public double AcceptanceSeconds { get; init; }
    public double CompletionSeconds { get; init; }
}

/// <summary>A per-unit value: Gaussian (mean, sigma) or uniform (min, max).</summary>
public sealed record UnitDraw
{
    public required string Name { get; init; }
    public double Mean { get; init; }
    public double Sigma { get; init; }
    public double? Min { get; init; }
    public double? Max { get; init; }
}

public sealed record FunctionDefinition
{
    /// <summary>Conditions checked before execution; the first false one fails completion with its code.</summary>
    public IReadOnlyList<Requirement> Require { get; init; } = [];

    /// <summary>States (or settable parameters) to set, to formulas evaluated at execution.</summary>
    [JsonConverter(typeof(FormulaMapConverter))]
    public IReadOnlyDictionary<string, string> Set { get; init; } = new Dictionary<string, string>();

    /// <summary>Settable parameters saved to the unit's EEPROM.</summary>
    public IReadOnlyList<string> Store { get; init; } = [];

    /// <summary>Extra rig time before completion is reported.</summary>
    public double? CompletionSeconds { get; init; }

    /// <summary>Completion is reported only once this is true (a run-down completes when the rotor has stopped).</summary>
    [JsonConverter(typeof(FormulaConverter))]
    public string? CompleteWhen { get; init; }
}

public sealed record Requirement
{
    [JsonConverter(typeof(FormulaConverter))]
    public required string When { get; init; }

    /// <summary>The dictionary's failure code name reported when the condition is false.</summary>
    public required string Failure { get; init; }
}

public sealed record TriggerDefinition
{
    public required string Event { get; init; }

    [JsonConverter(typeof(FormulaConverter))]
    public required string When { get; init; }

    [JsonConverter(typeof(FormulaMapConverter))]
    public IReadOnlyDictionary<string, string> Set { get; init; } = new Dictionary<string, string>();

    /// <summary>The value the event carries (the hottest reading, a sensor's number), evaluated before <see cref="Set"/>; none when null.</summary>
    [JsonConverter(typeof(FormulaConverter))]
    public string? Value { get; init; }
}

public sealed record InstrumentModel
{
    public string Identity { get; init; } = "USOCHIL,INSTRUMENT";

    /// <summary>The endpoint the station binding names for it (serial or tcp); the emulator's default when null.</summary>
    public string? Transport { get; init; }
    public IReadOnlyDictionary<string, Measurement> Measure { get; init; } = new Dictionary<string, Measurement>();
}

/// <summary>A reading: the formula plus Gaussian noise of the instrument.</summary>
public sealed record Measurement
{
    [JsonConverter(typeof(FormulaConverter))]
    public required string Formula { get; init; }

    public double Noise { get; init; }
}
