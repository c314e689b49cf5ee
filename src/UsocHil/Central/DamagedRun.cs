namespace UsocHil.Central;

/// <summary>A run at the centre whose record or chain link does not match its seal: which station's run, and why.</summary>
public sealed record DamagedRun(long CentralId, string Station, long StationRunId, string Rig, string Reason)
{
    public override string ToString() => $"station {Station} run {StationRunId} ({Rig}): {Reason}";
}
