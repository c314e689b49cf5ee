using System.Diagnostics;
using System.Text.Json.Nodes;
using Serilog;
using UsocHil.Description;
using UsocHil.MissionDatabase.Xtce;
using UsocHil.Reproduction;
using UsocHil.Sequencing;
using UsocHil.Sequencing.Steps;
using UsocHil.Time;
using UsocHil.Timelines;

namespace UsocHil.Benchmarks.Figures;

/// <summary>
/// Figure 12: how punctually <c>reproduce</c> re-issues a flight's telecommand schedule at 400×. The schedule's
/// instants are those of 1,500 packets of real JPSS-1 flight telemetry (tests/data/mdb/xtce/jpss1, on-board CDS
/// times, about one a second with the flight's own jitter), each made a telecommand the furnace answers
/// (<c>ARE_YOU_ALIVE</c>), replayed by the reproduce command's own flight-schedule step on the emulated furnace. The
/// value is the latest any command went out after its offset, in rig time; the floor is one tick of the emulator at
/// that scale, the resolution at which the ground model itself can tell two instants apart.
/// </summary>
public sealed class FlightScheduleFigure : IFigure
{
    private const double Scale = 400;

    /// <summary>
    /// The schedule's offset zero is the ground model's first report (reproduce takes the flight's first telemetry and
    /// the ground's as the same moment); the unit boots and reaches the schedule step about 40 s of rig time later, so
    /// the flight's commands begin after that, as a flight's first command never comes with its first packet.
    /// </summary>
    private const double FirstCommandSeconds = 120;

    public string Name => "12. Flight telecommand schedule replayed at 400×";

    public async Task<IReadOnlyList<FigureRow>> MeasureAsync(FigureSettings settings, CancellationToken cancellationToken)
    {
        int commands = settings.Scale(1500);
        string folder = Path.Combine(settings.ArtifactsDirectory, "flight-schedule");
        Directory.CreateDirectory(folder);
        RigDefinition rig = TestRigs.Furnace();
        FlightTimeline flight = FlightInstants(commands);
        string timelineFile = Path.Combine(folder, "jpss1-instants.timeline.json");
        TimelineJson.Write(flight, timelineFile);
        SequencePlan plan = SequenceLoader.Load(WriteSequence(folder, timelineFile), rig, null, allowRawPackets: false, StepKinds.CreateDefault().AddFlightSchedule());

        string logFile = Path.Combine(folder, "run.clef");
        File.Delete(logFile);
        await using Serilog.Core.Logger log = new LoggerConfiguration().MinimumLevel.Information().WriteTo.File(logFile).CreateLogger();
        var time = new VirtualTimeProvider(TimeProvider.System, Scale);
        TimeSpan tick = EmulatedRigRun.CliTickPeriod(Scale);
        var measured = new Measurements();
        await using var emulated = new EmulatedRigRun(rig, plan, time, Scale, 1, tick, log);
        long began = Stopwatch.GetTimestamp();
        long allocated = GC.GetTotalAllocatedBytes();
        int collections = GC.CollectionCount(0);
        RunResult result = await emulated.RunAsync([measured], cancellationToken);
        double wall = Stopwatch.GetElapsedTime(began).TotalSeconds;
        measured.AllocatedBytes = GC.GetTotalAllocatedBytes() - allocated;
        measured.Collections = GC.CollectionCount(0) - collections;
        if (measured.Latest is not { } latest || measured.Median is not { } median || measured.Percentile99 is not { } p99)
        {
            throw new InvalidOperationException($"the flight-schedule run ended {result.Outcome} without its lateness measurements (log: {logFile})");
        }

        FigureNotes.Add($"12. {commands} commands at the instants of {commands} JPSS-1 packets ({flight.DurationSeconds - FirstCommandSeconds:F0} s of flight), run ended {result.Outcome} in {wall:F1} s wall; " +
            $"lateness in rig time: median {median * 1000:F1} ms, 99th percentile {p99 * 1000:F1} ms, latest {latest * 1000:F1} ms; emulator tick {tick.TotalMilliseconds:F0} ms of rig time; " +
            $"whole run: {measured.Collections} collections, {measured.AllocatedBytes / 1048576.0:F0} MB allocated; the step said: {measured.Why ?? "nothing about its latest command"}");
        string subject = $"latest of {commands} commands after its flight offset, rig time (run ended {result.Outcome})";
        return
        [
            new(Name, subject, Math.Max(latest, 1e-6), "s", "one emulator tick at 400×", tick.TotalSeconds, "≤ one tick", result.Outcome == RunOutcome.Passed && latest <= tick.TotalSeconds),
            new(Name, "99th percentile of command lateness, rig time", Math.Max(p99, 1e-6), "s", "one emulator tick at 400×", tick.TotalSeconds, "≤ one tick", p99 <= tick.TotalSeconds),
            new(Name, "median command lateness, rig time", Math.Max(median, 1e-6), "s", "one emulator tick at 400×", tick.TotalSeconds, "peer", true),
        ];
    }

    /// <summary>The on-board instants of the first packets of the JPSS-1 flight file, as telecommand offsets from the first.</summary>
    private static FlightTimeline FlightInstants(int count)
    {
        string jpss = Path.Combine(RepositoryPaths.MissionDatabases, "xtce", "jpss1");
        RigDefinition spacecraft = XtceImporter.Import([Path.Combine(jpss, "jpss1_geolocation_xtce_v1.xml")], "jpss1").Rig;
        FlightTimeline telemetry = TimelineImport.Import([Path.Combine(jpss, "J01_G011_LZ_2021-04-09T00-00-00Z_V01.DAT1")], "packets", spacecraft,
            CdsTimeFields.Parse("DOY,MSEC,USEC"));
        string first = telemetry.Samples[0].Parameter;
        double[] instants = [.. telemetry.Samples.Where(s => s.Parameter == first).Select(s => s.OffsetSeconds).Order().Take(count)];
        var noArguments = new Dictionary<string, double>();
        return telemetry with
        {
            Rig = TestRigs.FurnaceName,
            Samples = [new TimelineSample(0, "MODE", 0)],
            Events = [],
            Commands = [.. instants.Select(t => new TimelineCommand(FirstCommandSeconds + t - instants[0], "ARE_YOU_ALIVE", noArguments))],
            Counts = new ImportCounts(count, 0, count, 0, 0),
        };
    }

    private static string WriteSequence(string folder, string timelineFile)
    {
        JsonNode soak = JsonNode.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.BenchSequences, "housekeeping-soak.json")))!;
        var sequence = new JsonObject
        {
            ["sequence"] = "flight-schedule",
            ["version"] = "1.0.0",
            ["description"] = "Figure 12: power up as housekeeping-soak does, then replay a flight telecommand schedule",
            ["powerUp"] = soak["powerUp"]!.DeepClone(),
            ["steps"] = new JsonArray(new JsonObject { ["kind"] = ReproductionSetup.ScheduleKind, ["timeline"] = timelineFile }),
        };
        string file = Path.Combine(folder, "flight-schedule.json");
        File.WriteAllText(file, sequence.ToJsonString());
        return file;
    }

    private sealed class Measurements : IRunObserver
    {
        public double? Latest { get; private set; }

        public double? Median { get; private set; }

        public double? Percentile99 { get; private set; }

        /// <summary>The step's own account of its latest command: when its timer woke, what the collector did.</summary>
        public string? Why { get; private set; }

        public long AllocatedBytes { get; set; }

        public int Collections { get; set; }

        public void OnEvent(RunEvent runEvent)
        {
            const string Prefix = "flight schedule: the latest command";
            if (runEvent.Message.StartsWith(Prefix, StringComparison.Ordinal))
            {
                Why = runEvent.Message["flight schedule: ".Length..];
            }
        }

        public void OnMeasurement(Measurement measurement)
        {
            if (measurement.Name.EndsWith("latest command (s late)", StringComparison.Ordinal))
            {
                Latest = measurement.Value;
            }
            else if (measurement.Name.EndsWith("median command lateness", StringComparison.Ordinal))
            {
                Median = measurement.Value;
            }
            else if (measurement.Name.EndsWith("99th percentile command lateness", StringComparison.Ordinal))
            {
                Percentile99 = measurement.Value;
            }
        }
    }
}
