namespace UsocHil.Description;

/// <summary>A lab instrument on the rig, spoken to in SCPI.</summary>
public sealed record InstrumentDefinition
{
    public required string Name { get; init; }

    /// <summary>power-supply, multimeter or frequency-counter.</summary>
    public required string Kind { get; init; }

    public string Protocol { get; set; } = "scpi";

    /// <summary>Expected start of the <c>*IDN?</c> answer (manufacturer,model).</summary>
    public string? Identity { get; init; }

    /// <summary>Commands sent after identification, before a run.</summary>
    public IReadOnlyList<string> Setup { get; set; } = [];

    /// <summary>Commands that leave the instrument safe, sent by safing.</summary>
    public IReadOnlyList<string> Safe { get; set; } = [];

    public ReferenceMeasurement? Reference { get; init; }
}

/// <summary>How a reference instrument is read, and how far it can be trusted.</summary>
public sealed record ReferenceMeasurement(string Query, string Unit, double Uncertainty);
