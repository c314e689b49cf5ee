namespace UsocHil.Timelines;

/// <summary>
/// A flight's telemetry and telecommand history, brought in from outside (a ground station's packet dump, a command
/// history, a replay file) and put on one time axis: seconds of on-board time from <see cref="Start"/>. What could not
/// be read is counted, not fatal; how on-board time was found is kept in <see cref="Correlation"/>.
/// </summary>
public sealed record FlightTimeline
{
    public required string Rig { get; init; }
    public required string Format { get; init; }
    public IReadOnlyList<string> Sources { get; init; } = [];

    /// <summary>The on-board time of the earliest entry: offset zero.</summary>
    public required DateTimeOffset Start { get; init; }

    public required TimeCorrelation Correlation { get; init; }
    public required ImportCounts Counts { get; init; }

    /// <summary>The first problems met (bad packets, unknown commands), one line each, for the operator.</summary>
    public IReadOnlyList<string> Problems { get; init; } = [];

    public IReadOnlyList<TimelineCommand> Commands { get; init; } = [];
    public IReadOnlyList<TimelineSample> Samples { get; init; } = [];
    public IReadOnlyList<TimelineEvent> Events { get; init; } = [];

    /// <summary>Seconds from the first entry to the last.</summary>
    public double DurationSeconds =>
        new[] { Commands.Select(c => c.OffsetSeconds), Samples.Select(s => s.OffsetSeconds), Events.Select(e => e.OffsetSeconds) }
            .SelectMany(x => x).DefaultIfEmpty(0).Max();
}

/// <summary>
/// A flight telecommand: its dictionary name and arguments, its octets when it came as a packet (for <c>--raw</c>),
/// and what the flight unit's service 1 reports said of it, when the dump has them.
/// </summary>
public sealed record TimelineCommand(double OffsetSeconds, string Command, IReadOnlyDictionary<string, double> Arguments, string? Octets = null)
{
    public TimelineVerification? Verification { get; init; }
}

/// <summary>
/// The decisive service 1 report of a flight telecommand: its first failure (stage and failure code), or the furthest
/// stage it passed (acceptance, start, progress, completion).
/// </summary>
public sealed record TimelineVerification(string Stage, bool Success, int? FailureCode = null);

/// <summary>One flight telemetry value (engineering units) at its on-board time offset.</summary>
public readonly record struct TimelineSample(double OffsetSeconds, string Parameter, double Value);

/// <summary>A flight event report by its dictionary name.</summary>
public sealed record TimelineEvent(double OffsetSeconds, string Name);

/// <summary>How on-board time was found: the method, and where reception times were given, their offset from on-board time.</summary>
/// <param name="ReceptionMinusOnboardSeconds">The median of reception minus on-board time over the pairs seen; null without pairs.</param>
public sealed record TimeCorrelation(string Method, double? ReceptionMinusOnboardSeconds = null, int Pairs = 0);

/// <summary>What the import met: every packet or line, and how many of them could not be used.</summary>
/// <param name="Bad">Damaged: a bad error control, a length that does not fit, a line that is not a packet or a time.</param>
/// <param name="Unknown">Whole but not in the rig's dictionary (another APID, an unknown command or structure).</param>
public sealed record ImportCounts(long Total, long Telemetry, long Telecommands, long Bad, long Unknown);
