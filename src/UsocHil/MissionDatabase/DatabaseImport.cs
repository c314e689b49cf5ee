using UsocHil.Description;

namespace UsocHil.MissionDatabase;

/// <summary>A mission database imported: the rig it became and the report of what it took and what it left.</summary>
public sealed record DatabaseImport(RigDefinition Rig, ImportReport Report);
