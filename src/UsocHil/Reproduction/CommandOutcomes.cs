using UsocHil.Rigs;
using UsocHil.Timelines;

namespace UsocHil.Reproduction;

/// <summary>
/// Holds a re-issued telecommand's outcome on the ground against what the flight unit's service 1 reports said of it:
/// both passed, or both failed at the same verification stage with the same failure code. A command the flight dump
/// has no report for is judged only by the ground (a failure there differs); the stage a success reached is not
/// compared, since a flight command may not have asked for the reports the ground run asks for.
/// </summary>
public static class CommandOutcomes
{
    /// <summary>Every line it returns names the command and its flight offset and contains this.</summary>
    public const string Marker = "on the ground";

    /// <returns>What differs, one line, or null when the ground did what the flight did.</returns>
    public static string? Difference(TimelineCommand flight, CommandRecord ground)
    {
        ArgumentNullException.ThrowIfNull(flight);
        ArgumentNullException.ThrowIfNull(ground);
        string at = FormattableString.Invariant($"{flight.Command} at flight offset {flight.OffsetSeconds:G6} s");
        TimelineVerification? inFlight = flight.Verification;
        if (ground.Succeeded)
        {
            return inFlight is { Success: false } failed
                ? $"{at} failed in flight at {failed.Stage}{Code(failed.FailureCode)}, passed {Marker}"
                : null;
        }

        if (inFlight is null || inFlight.Success)
        {
            return $"{at} {(inFlight is null ? "" : "passed in flight, ")}failed {Marker}: {ground.Failure}";
        }

        if (inFlight.FailureCode != ground.FailureCode)
        {
            return $"{at} failed in flight{Code(inFlight.FailureCode)}, {Marker} with another failure: {ground.Failure}";
        }

        return ground.FailureStage is { } stage && !string.Equals(stage, inFlight.Stage, StringComparison.OrdinalIgnoreCase)
            ? $"{at} failed in flight at {inFlight.Stage}{Code(inFlight.FailureCode)}, {Marker} at {stage}"
            : null;
    }

    /// <summary>The line an alike failure is recorded with (not a difference).</summary>
    public static string FailedAlike(TimelineCommand flight, CommandRecord ground) =>
        FormattableString.Invariant($"{flight.Command} at flight offset {flight.OffsetSeconds:G6} s failed {Marker} as in flight{Code(ground.FailureCode)}");

    private static string Code(int? code) => code is { } c ? FormattableString.Invariant($" (failure code {c})") : "";
}
