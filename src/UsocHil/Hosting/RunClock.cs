using System.Globalization;
using UsocHil.Configuration;
using UsocHil.Emulation;
using UsocHil.Time;

namespace UsocHil.Hosting;

/// <summary>
/// The clock a run keeps: the wall clock for hardware, or rig time accelerated by the time scale for an emulated rig
/// (the --time-scale asked for, else the station's), so hours of rig time pass in seconds; also for a rig bound as
/// hardware whose binding states a time scale, which is an emulator in another process running at that scale. A time
/// scale of <see cref="AsFastAsFollowed"/> (<c>--time-scale max</c>) lets rig time run as fast as harness and an
/// in-process emulator can follow.
/// </summary>
public sealed record RunClock(TimeProvider Time, double Scale)
{
    /// <summary>The time scale that asks for rig time as fast as harness and emulator follow.</summary>
    public const double AsFastAsFollowed = double.PositiveInfinity;

    /// <summary>
    /// The nominal scale of a following clock, which moves only by its jumps: what wall-time allowances on the wire
    /// convert to rig time with (see <c>TransportTime</c>), the highest scale an emulator accepts.
    /// </summary>
    public const double FollowingScale = 100_000;

    /// <summary>True when rig time jumps ahead whenever harness and emulator are idle.</summary>
    public bool Follows => Time is VirtualTimeProvider { Follows: true };

    /// <exception cref="EmulationException">As fast as followed was asked of a rig whose emulator is not in this process.</exception>
    public static RunClock For(LoadedRig rig, TimeProvider wall, double? timeScale = null)
    {
        ArgumentNullException.ThrowIfNull(rig);
        // A hardware binding at a time scale other than 1 is an out-of-process emulator (usoc-hil emulate prints one).
        if (!rig.Binding.Emulated && timeScale is null && rig.Binding.TimeScale == 1)
        {
            return new RunClock(wall, 1);
        }

        double scale = timeScale ?? rig.Binding.TimeScale;
        if (scale == AsFastAsFollowed)
        {
            // Only a clock shared with the emulator can tell when both sides are idle.
            return rig.Binding.Emulated
                ? new RunClock(new VirtualTimeProvider(wall, FollowingScale, paced: true, follows: true), FollowingScale)
                : throw new EmulationException(rig.Name, $"--time-scale max needs the rig's emulator in this process: '{rig.Name}' is bound to hardware or to an emulator in another process; give a number");
        }

        // An emulator started in this process shares this clock, so rig time can wait for whichever side is behind.
        return new RunClock(new VirtualTimeProvider(wall, scale, paced: rig.Binding.Emulated), scale);
    }

    public bool Accelerated => Scale != 1;

    /// <summary>How the rig's time runs, for the operator: "400x rig time" or "rig time as fast as followed".</summary>
    public string Describe() => Follows ? "rig time as fast as harness and emulator follow (max)" : Scale.ToString("0.###", CultureInfo.InvariantCulture) + "x rig time";
}
