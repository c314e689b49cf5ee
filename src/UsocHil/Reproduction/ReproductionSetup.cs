using System.Text.Json.Nodes;
using UsocHil.Configuration;

namespace UsocHil.Reproduction;

/// <summary>
/// The ground run of a reproduction, made as an ordinary sequence so it goes through the same engine, state machine
/// and safing as any run: the power-up of one of the rig's own sequences (how this rig is powered and brought to
/// its initial state, which a flight's packets do not say), then one <see cref="FlightScheduleStep"/>. It is written
/// into a scratch copy of the rig's folder, bound with the hypothesis' faults, never into the station's rigs.
/// </summary>
public static class ReproductionSetup
{
    public const string SequenceName = "reproduce";

    /// <summary>The step kind that replays the flight schedule; the ground run's record finds the flight's offset zero at its start.</summary>
    public const string ScheduleKind = FlightScheduleStep.KindName;

    /// <summary>The ground run's telemetry on the flight's time axis: its first report is the flight's first.</summary>
    public static IEnumerable<(string Parameter, double Offset, double Value)> OnFlightAxis(Results.RunRecord ground, Timelines.FlightTimeline flight)
    {
        ArgumentNullException.ThrowIfNull(ground);
        if (ground.Telemetry.Count == 0)
        {
            return [];
        }

        Func<DateTimeOffset, double> offset = FlightOffset(ground, flight);
        return ground.Telemetry.Select(t => (t.Parameter, offset(t.Time), t.Value));
    }

    /// <summary>
    /// The payload events of the ground run (as the rig session records them: "event NAME" from the rig) on the
    /// flight's time axis, in order.
    /// </summary>
    public static IReadOnlyList<Timelines.TimelineEvent> EventsOnFlightAxis(Results.RunRecord ground, Timelines.FlightTimeline flight)
    {
        ArgumentNullException.ThrowIfNull(ground);
        ArgumentNullException.ThrowIfNull(flight);
        if (ground.Telemetry.Count == 0)
        {
            return [];
        }

        const string Prefix = "event ";
        Func<DateTimeOffset, double> offset = FlightOffset(ground, flight);
        return [.. ground.Events
            .Where(e => e.Name == flight.Rig && e.Data is { } data && data.StartsWith(Prefix, StringComparison.Ordinal) && data.IndexOf(' ', Prefix.Length) < 0)
            .Select(e => new Timelines.TimelineEvent(offset(e.Time), e.Data![Prefix.Length..]))
            .OrderBy(e => e.OffsetSeconds)];
    }

    /// <summary>A ground time as a flight offset: the ground run's first report is the flight's first sample.</summary>
    private static Func<DateTimeOffset, double> FlightOffset(Results.RunRecord ground, Timelines.FlightTimeline flight)
    {
        DateTimeOffset origin = ground.Telemetry.Min(t => t.Time);
        double first = FlightScheduleStep.FirstSampleOffset(flight);
        return time => (time - origin).TotalSeconds + first;
    }

    /// <summary>Adds the flight-schedule step kind (only the reproduce command's runs need it).</summary>
    public static Sequencing.Steps.StepKinds AddFlightSchedule(this Sequencing.Steps.StepKinds steps)
    {
        ArgumentNullException.ThrowIfNull(steps);
        return steps.TryGet(FlightScheduleStep.KindName, out _) ? steps : steps.Add(FlightScheduleStep.KindName, FlightScheduleStep.Read);
    }

    /// <summary>The station with <paramref name="rig"/> re-bound to a scratch folder holding the generated sequence and injecting <paramref name="faults"/>.</summary>
    /// <param name="setup">The rig sequence whose powerUp is used; null for the first (by name) that has one.</param>
    public static LoadedStation Prepare(LoadedStation station, LoadedRig rig, string scratch, string timelineFile, double from, double to, bool raw,
        string? setup, IReadOnlyList<string> faults)
    {
        ArgumentNullException.ThrowIfNull(station);
        ArgumentNullException.ThrowIfNull(rig);
        JsonArray powerUp = PowerUp(rig, setup);
        var sequence = new JsonObject
        {
            ["sequence"] = SequenceName,
            ["version"] = "1.0.0",
            ["description"] = $"Reproduces the flight timeline {Path.GetFileName(timelineFile)} on {rig.Name}",
            ["powerUp"] = powerUp,
            ["steps"] = new JsonArray(new JsonObject
            {
                ["kind"] = FlightScheduleStep.KindName,
                ["timeline"] = Path.GetFullPath(timelineFile),
                ["from"] = from,
                ["to"] = to,
                ["raw"] = raw,
            }),
        };
        string sequences = Path.Combine(scratch, "sequences");
        Directory.CreateDirectory(sequences);
        CopyRigFiles(rig.Directory, scratch);
        File.WriteAllText(Path.Combine(sequences, SequenceName + ".json"), sequence.ToJsonString());
        LoadedRig ground = rig with { Directory = scratch, Binding = rig.Binding with { Faults = faults } };
        var rigs = new Dictionary<string, LoadedRig>(station.Rigs, StringComparer.Ordinal) { [rig.Name] = ground };
        return station with { Rigs = rigs };
    }

    /// <summary>
    /// The files beside rig.json (its dynamics model, its mission database exports) go with it: the ground model is
    /// emulated from the same description as the rig it stands for.
    /// </summary>
    private static void CopyRigFiles(string from, string to)
    {
        foreach (string file in Directory.GetFiles(from))
        {
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)), overwrite: true);
        }
    }

    private static JsonArray PowerUp(LoadedRig rig, string? setup)
    {
        foreach (string name in setup is null ? rig.SequenceNames : [setup])
        {
            JsonNode? json = JsonNode.Parse(File.ReadAllText(rig.SequenceFile(name)));
            if (json?["powerUp"] is JsonArray powerUp)
            {
                return (JsonArray)powerUp.DeepClone();
            }
        }

        throw new ConfigurationException(new ConfigurationProblem(rig.SequencesDirectory, "$.powerUp", 0,
            setup is null ? $"no sequence of {rig.Name} has a powerUp to bring the ground model up with; name one with --setup" : $"sequence {setup} has no powerUp"));
    }
}
