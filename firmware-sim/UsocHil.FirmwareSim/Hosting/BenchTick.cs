using UsocHil.Time;

namespace UsocHil.FirmwareSim.Hosting;

/// <summary>How often (rig time) an emulated bench catches up with its clock and sends what became due.</summary>
internal static class BenchTick
{
    /// <summary>
    /// A periodic timer of under a wall millisecond rounds to no period at all, so on a clock of its own (an emulator
    /// in another process) the tick stays at a few wall milliseconds whatever the scale. On a paced clock shared with
    /// the harness, which fires the tick when its rig time comes, at most every rig second too, so at high scales
    /// housekeeping leaves at its own pace and the harness never sees a burst it would take for silence.
    /// </summary>
    public static TimeSpan For(TimeProvider time, double timeScale)
    {
        var tick = TimeSpan.FromMilliseconds(Math.Max(100, 4 * timeScale));
        return time is VirtualTimeProvider { Paced: true } && tick > TimeSpan.FromSeconds(1) ? TimeSpan.FromSeconds(1) : tick;
    }
}
