namespace UsocHil.MissionDatabase;

/// <summary>A mission database refused as a whole: one line, <c>file:line: why</c>.</summary>
public sealed class MissionDatabaseException(string location, string message) : Exception($"{location}: {message}")
{
    /// <summary>The file and line (XTCE) or table and row (MIB) the refusal is about.</summary>
    public string Location { get; } = location;
}
