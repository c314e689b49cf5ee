using Serilog;
using UsocHil.Links;
using UsocHil.Protocols.Pus;

namespace UsocHil.Rigs;

/// <summary>
/// Stamps telemetry with the time the payload put in it: CUC seconds of TAI since 1958, as the payload's mission
/// profile keeps it. A report is then dated by when it was sampled on board, not by when the harness got round to it,
/// so a stall in the harness (a garbage collection, a cold start under an accelerated clock) is not read as the
/// payload being slow. The on-board stamp is trusted only while it agrees with the harness clock to within a wall
/// second of transport; a payload whose clock is not synchronised with the station is stamped on arrival instead,
/// with one warning.
/// </summary>
internal sealed class OnboardTime(TimeProvider time, ILogger log)
{
    private int _warned;

    public DateTimeOffset Stamp(CucTime onboard, DateTimeOffset arrival)
    {
        if (onboard.IsZero)
        {
            return arrival; // a profile without telemetry time
        }

        DateTimeOffset sampled = onboard.ToUtc();
        TimeSpan age = arrival - sampled;
        TimeSpan allowance = TransportTime.OnClock(time, TimeSpan.FromSeconds(1));
        if (age >= -allowance && age <= allowance)
        {
            return age < TimeSpan.Zero ? arrival : sampled;
        }

        if (Interlocked.Exchange(ref _warned, 1) == 0)
        {
            log.Warning("The payload's clock is {Offset:F1} s off the harness clock; its telemetry is stamped on arrival instead", age.TotalSeconds);
        }

        return arrival;
    }
}
