namespace UsocHil.MissionDatabase.Xml;

/// <summary>
/// What a mission database file may be: big enough for any real one (the largest public XTCE we know is 1.7 MB),
/// small enough that a hostile or broken file cannot take the bench's memory or stack.
/// </summary>
public sealed record XmlLimits
{
    public static readonly XmlLimits Default = new();

    public long MaxFileBytes { get; init; } = 64L * 1024 * 1024;
    public int MaxDepth { get; init; } = 128;
    public long MaxElements { get; init; } = 2_000_000;

    /// <summary>XInclude inside XInclude, this deep at most (a loop is refused on its own).</summary>
    public int MaxIncludeDepth { get; init; } = 16;
}
