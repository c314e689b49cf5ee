using System.Text.Json.Serialization;

namespace UsocHil.Description;

/// <summary>
/// When a limit applies: while <see cref="Parameter"/>'s latest sample equals <see cref="Value"/> (its value as
/// sampled: the engineering value, the raw code of an enumeration). Before the first sample it does not apply.
/// </summary>
public sealed record LimitCondition
{
    public required string Parameter { get; init; }

    [JsonPropertyName("equals")]
    public required double Value { get; init; }

    public bool Holds(double latest) => latest == Value;

    public override string ToString() => $"{Parameter} = {Value.ToString("R", System.Globalization.CultureInfo.InvariantCulture)}";
}
