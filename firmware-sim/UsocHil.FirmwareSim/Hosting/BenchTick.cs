using UsocHil.Time;

namespace UsocHil.FirmwareSim.Hosting;

/// <summary>How often (rig time) an emulated bench catches up with its clock and sends what became due.</summary>
internal static class BenchTick
{
    /// <summary>
    /// On a paced clock shared with the harness, every second of rig time, whatever the scale: the clock fires the tick
    /// when its rig time comes, so housekeeping leaves at its own pace and the harness never sees a burst it would take
    /// for silence. On a clock of its own (an emulator in another process), a periodic timer of under a wall millisecond
    /// rounds to no period at all, so the tick stays at a few wall milliseconds whatever the scale.
    /// </summary>
    public static TimeSpan For(TimeProvider time, double timeScale) =>
        time is VirtualTimeProvider { Paced: true }
            ? TimeSpan.FromSeconds(1)
            : TimeSpan.FromMilliseconds(Math.Max(100, 4 * timeScale));
}
