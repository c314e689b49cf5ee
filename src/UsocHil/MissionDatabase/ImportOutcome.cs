namespace UsocHil.MissionDatabase;

/// <summary>What became of one element of a mission database.</summary>
public enum ImportOutcome
{
    Imported,

    /// <summary>In the rig, but not exactly as the database says; the report says how.</summary>
    Approximated,

    /// <summary>Not in the rig.</summary>
    Dropped,
}
