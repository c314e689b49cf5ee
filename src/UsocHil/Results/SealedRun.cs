using UsocHil.Sequencing;

namespace UsocHil.Results;

/// <summary>A run as it is handed to the results sinks once the archive has sealed it.</summary>
/// <param name="RunId">The run's number in the station's archive.</param>
/// <param name="RecordHash">The run's record hash in the rig's chain.</param>
/// <param name="StationDirectory">The folder of the station file, for a sink that writes beside it.</param>
public sealed record SealedRun(long RunId, string Rig, string Sequence, string RecordHash, string StationDirectory, RunResult Result);
