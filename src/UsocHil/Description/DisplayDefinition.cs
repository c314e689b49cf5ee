namespace UsocHil.Description;

/// <summary>
/// What an operator watches of this payload while a run lasts: the <c>"display"</c> object of <c>rig.json</c>. The
/// names are dictionary parameters, checked by <c>config validate</c>.
/// </summary>
public sealed record DisplayDefinition
{
    /// <summary>The key telemetry the live progress shows, in this order.</summary>
    public IReadOnlyList<string> Parameters { get; set; } = [];
}
