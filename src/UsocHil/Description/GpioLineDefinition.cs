namespace UsocHil.Description;

/// <summary>A discrete line between harness and payload. Levels are logical: <c>true</c> means asserted, whatever the polarity.</summary>
public sealed record GpioLineDefinition
{
    public required string Name { get; init; }

    /// <summary>output (harness drives it) or input (payload drives it).</summary>
    public required string Direction { get; init; }

    public bool ActiveLow { get; init; }

    /// <summary>Logical level set when the line is opened (outputs only).</summary>
    public bool Initial { get; init; }

    /// <summary>Logical level the line is driven to when the rig is safed (outputs only).</summary>
    public bool Safe { get; init; }

    /// <summary>Pin on the harness connector; a station binding may remap it.</summary>
    public int DefaultPin { get; init; }

    public string? Description { get; init; }
}
