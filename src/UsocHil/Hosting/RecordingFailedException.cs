using UsocHil.Sequencing;

namespace UsocHil.Hosting;

/// <summary>
/// The results archive could not take the run's record (disk full, a lock held too long, the file deleted or
/// replaced), or the sealed record cannot be read back from it: the run was stopped and the rig made safe first.
/// </summary>
public sealed class RecordingFailedException(string archive, string reason, long rowsLost, RunResult result, Exception? innerException = null)
    : Exception($"the results archive {archive} failed: {reason}", innerException)
{
    /// <summary>Where the archive is.</summary>
    public string Archive { get; } = archive;

    /// <summary>Rows the run recorded that are not in the archive.</summary>
    public long RowsLost { get; } = rowsLost;

    /// <summary>How the run itself ended (stopped, and the rig safed, when the archive failed mid-run).</summary>
    public RunResult Result { get; } = result;
}
