namespace UsocHil.Timelines;

/// <summary>
/// Collects what an import reads, each at its absolute on-board time (or none: then the time of the entry before it,
/// as a telecommand in a packet dump carries no time of its own), and puts it all on offsets from the earliest.
/// </summary>
internal sealed class TimelineBuilder
{
    public const int ProblemsKept = 20;

    private readonly List<(DateTimeOffset? At, TimelineCommand Command)> _commands = [];
    private readonly List<(DateTimeOffset? At, string Parameter, double Value)> _samples = [];
    private readonly List<(DateTimeOffset? At, string Name)> _events = [];
    private readonly List<string> _problems = [];
    private readonly List<double> _receptionMinusOnboard = [];
    private readonly Dictionary<uint, int> _byRequest = [];
    private readonly Dictionary<int, int> _ranks = [];
    private readonly Dictionary<uint, List<(string Stage, int Rank, bool Success, int? FailureCode)>> _early = [];
    private DateTimeOffset? _last;

    public long Total { get; set; }
    public long Telemetry { get; set; }
    public long Telecommands { get; set; }
    public long Bad { get; private set; }
    public long Unknown { get; private set; }

    /// <summary>The on-board time of what follows, when it has none of its own.</summary>
    public DateTimeOffset? Now(DateTimeOffset? own)
    {
        if (own is { } t)
        {
            _last = t;
        }

        return own ?? _last;
    }

    public void Command(DateTimeOffset? at, string name, IReadOnlyDictionary<string, double> arguments, string? octets, uint? requestId = null)
    {
        _commands.Add((Now(at), new TimelineCommand(0, name, arguments, octets)));
        if (requestId is { } id)
        {
            _byRequest[id] = _commands.Count - 1;
            if (_early.Remove(id, out List<(string Stage, int Rank, bool Success, int? FailureCode)>? reports))
            {
                foreach (var r in reports)
                {
                    Verify(id, r.Stage, r.Rank, r.Success, r.FailureCode);
                }
            }
        }
    }

    /// <summary>
    /// A service 1 report for the telecommand with this request ID (the latest sent: sequence counts wrap): a failure
    /// is kept over anything, otherwise the furthest stage. A report ahead of its command (a dump in reception order
    /// may hold a fast acceptance before the command's own capture) waits for it.
    /// </summary>
    public void Verify(uint requestId, string stage, int rank, bool success, int? failureCode)
    {
        if (!_byRequest.TryGetValue(requestId, out int index))
        {
            if (!_early.TryGetValue(requestId, out List<(string Stage, int Rank, bool Success, int? FailureCode)>? waiting))
            {
                _early[requestId] = waiting = [];
            }

            waiting.Add((stage, rank, success, failureCode));
            return;
        }

        (DateTimeOffset? at, TimelineCommand command) = _commands[index];
        TimelineVerification? known = command.Verification;
        bool replace = known is null || (known.Success && (!success || rank > _ranks[index]));
        if (replace)
        {
            _ranks[index] = rank;
            _commands[index] = (at, command with { Verification = new TimelineVerification(stage, success, success ? null : failureCode) });
        }
    }

    public void Sample(DateTimeOffset? at, string parameter, double value)
    {
        if (double.IsFinite(value))
        {
            _samples.Add((Now(at), parameter, value));
        }
    }

    public void Event(DateTimeOffset? at, string name) => _events.Add((Now(at), name));

    public void Correlate(DateTimeOffset onboard, DateTimeOffset reception) => _receptionMinusOnboard.Add((reception - onboard).TotalSeconds);

    public void BadOne(string where, string why)
    {
        Bad++;
        Problem($"{where}: {why}");
    }

    public void UnknownOne(string where, string why)
    {
        Unknown++;
        Problem($"{where}: {why}");
    }

    private void Problem(string line)
    {
        if (_problems.Count < ProblemsKept)
        {
            _problems.Add(line);
        }
    }

    public FlightTimeline Build(string rig, string format, IReadOnlyList<string> sources, string method)
    {
        DateTimeOffset[] known = [.. _commands.Select(c => c.At).Concat(_samples.Select(s => s.At)).Concat(_events.Select(e => e.At)).OfType<DateTimeOffset>()];
        DateTimeOffset start = known.Length == 0 ? DateTimeOffset.UnixEpoch : known.Min();
        double Offset(DateTimeOffset? at) => ((at ?? start) - start).TotalSeconds;
        double? median = _receptionMinusOnboard.Count == 0 ? null : _receptionMinusOnboard.Order().ElementAt(_receptionMinusOnboard.Count / 2);
        return new FlightTimeline
        {
            Rig = rig,
            Format = format,
            Sources = sources,
            Start = start,
            Correlation = new TimeCorrelation(known.Length == 0 ? "none: nothing carried a time; every entry is at offset 0" : method, median, _receptionMinusOnboard.Count),
            Counts = new ImportCounts(Total, Telemetry, Telecommands, Bad, Unknown),
            Problems = _problems,
            Commands = [.. _commands.Select(c => c.Command with { OffsetSeconds = Offset(c.At) }).OrderBy(c => c.OffsetSeconds)],
            Samples = [.. _samples.Select(s => new TimelineSample(Offset(s.At), s.Parameter, s.Value)).OrderBy(s => s.OffsetSeconds)],
            Events = [.. _events.Select(e => new TimelineEvent(Offset(e.At), e.Name)).OrderBy(e => e.OffsetSeconds)],
        };
    }
}
