using UsocHil.Configuration;
using UsocHil.Time;

namespace UsocHil.Hosting;

/// <summary>
/// The clock a run keeps: the wall clock for hardware, or rig time accelerated by the time scale for an emulated rig
/// (the --time-scale asked for, else the station's), so hours of rig time pass in seconds; also for a rig bound as
/// hardware whose binding states a time scale, which is an emulator in another process running at that scale.
/// </summary>
public sealed record RunClock(TimeProvider Time, double Scale)
{
    public static RunClock For(LoadedRig rig, TimeProvider wall, double? timeScale = null)
    {
        ArgumentNullException.ThrowIfNull(rig);
        // A hardware binding at a time scale other than 1 is an out-of-process emulator (usoc-hil emulate prints one).
        if (!rig.Binding.Emulated && timeScale is null && rig.Binding.TimeScale == 1)
        {
            return new RunClock(wall, 1);
        }

        double scale = timeScale ?? rig.Binding.TimeScale;

        // An emulator started in this process shares this clock, so rig time can wait for whichever side is behind.
        return new RunClock(new VirtualTimeProvider(wall, scale, paced: rig.Binding.Emulated), scale);
    }

    public bool Accelerated => Scale != 1;
}
