using System.Diagnostics;
using UsocHil.Links;
using UsocHil.Protocols.Pus;
using UsocHil.Rigs;
using UsocHil.Sequencing;
using UsocHil.Sequencing.Steps;
using UsocHil.Timelines;

namespace UsocHil.Reproduction;

/// <summary>
/// Re-issues a flight timeline's telecommands on the ground model at their flight time offsets, in rig time, through
/// the dictionary (service 20 uploads as parameter sets), then lets the rig run to the end of the window so its
/// telemetry covers the flight's: <c>{"kind":"flight-schedule","timeline":"t.json","from":0,"to":2400}</c>. The
/// flight's first telemetry is taken as the ground model's first (both brought up alike), and each command is due at
/// its offset from there; lateness is measured, never accumulated. With
/// <c>"raw": true</c> (and <c>--raw</c>) the flight's own octets are sent instead, unverified.
/// </summary>
internal sealed class FlightScheduleStep(FlightTimeline timeline, double from, double to, bool raw) : ISequenceStep
{
    public const string KindName = "flight-schedule";

    /// <summary>How much earlier than a command's due time its timer is set to fire (wall time).</summary>
    private static readonly TimeSpan TimerSlack = TimeSpan.FromMilliseconds(3);

    /// <summary>
    /// How many commands may still be awaiting their verification when the next one is due: a flight sends its next
    /// command on time whatever the previous one's completion report is doing, and so does the ground model's replay.
    /// </summary>
    private const int InFlightLimit = 16;

    /// <summary>How long before the first command the collector is held off (wall time): starting a region collects once.</summary>
    private static readonly TimeSpan HoldLead = TimeSpan.FromMilliseconds(50);

    /// <summary>The least gap between two commands (wall time) in which the collector may run when the region needs renewing.</summary>
    private static readonly TimeSpan RenewalGap = TimeSpan.FromMilliseconds(30);

    private readonly TimelineCommand[] _commands = [.. timeline.Commands.Where(c => c.OffsetSeconds >= from && c.OffsetSeconds <= to && c.Command != "REPORT_PARAMETERS")];

    public string Kind => KindName;

    public string Label => FormattableString.Invariant($"flight schedule {from:G6}..{to:G6} s ({_commands.Length} command(s))");

    public TimeSpan? Timeout => TimeSpan.FromSeconds(to - from + 600);

    public async Task ExecuteAsync(StepContext context, CancellationToken cancellationToken)
    {
        // The flight's first telemetry and the ground model's are the same moment: both units were brought up alike.
        DateTimeOffset start = context.Rig.Telemetry.ReportTimes(DateTimeOffset.MinValue).FirstOrDefault(context.Now).AddSeconds(-FirstSampleOffset(timeline));
        context.Event("info", FormattableString.Invariant($"flight schedule: flight offset 0 is rig time {start:O}"));
        long allocatedBefore = GC.GetTotalAllocatedBytes();
        long measuring = Stopwatch.GetTimestamp();
        TimelineCommand[] commands = _commands;
        double[] lateSeconds = new double[commands.Length];
        var latest = new LatestCommand(-1, double.NegativeInfinity, 0, TimeSpan.Zero);
        string? collector = null;
        if (commands.Length > 0)
        {
            // Until just before the first command, the process' own allocation is measured: the hold's budget.
            await WaitUntilAsync(context, start.AddSeconds(commands[0].OffsetSeconds) - TransportTime.OnClock(context.Time, HoldLead), cancellationToken).ConfigureAwait(false);
            TimeSpan scheduleWall = TransportTime.AsWall(context.Time, TimeSpan.FromSeconds(commands[^1].OffsetSeconds - commands[0].OffsetSeconds));
            using CollectorHold hold = CollectorHold.Begin(GC.GetTotalAllocatedBytes() - allocatedBefore, Stopwatch.GetElapsedTime(measuring), scheduleWall, commands.Length);
            var inFlight = new Queue<(TimelineCommand Command, Task<CommandRecord?> Sent)>(InFlightLimit + 1);
            for (int i = 0; i < commands.Length; i++)
            {
                TimelineCommand command = commands[i];
                TimeSpan pausedBefore = GC.GetTotalPauseDuration();
                double wokeSeconds = await WaitUntilAsync(context, start.AddSeconds(command.OffsetSeconds), cancellationToken).ConfigureAwait(false);
                double late = (context.Now - start).TotalSeconds - command.OffsetSeconds;
                lateSeconds[i] = late;
                inFlight.Enqueue((command, SendAsync(context, command, cancellationToken)));
                if (late > latest.LateSeconds)
                {
                    latest = new LatestCommand(i, late, wokeSeconds, GC.GetTotalPauseDuration() - pausedBefore);
                }

                if (i + 1 < commands.Length && hold.WantsRenewal
                    && start.AddSeconds(commands[i + 1].OffsetSeconds) - context.Now > TransportTime.OnClock(context.Time, RenewalGap))
                {
                    hold.Renew();
                }

                await JudgeAsync(context, inFlight, InFlightLimit, cancellationToken).ConfigureAwait(false);
            }

            await JudgeAsync(context, inFlight, 0, cancellationToken).ConfigureAwait(false);
            collector = hold.Summary();
        }

        if (latest.Index >= 0)
        {
            context.Event("info", FormattableString.Invariant(
                $"flight schedule: the latest command (#{latest.Index + 1}, {commands[latest.Index].Command} at {commands[latest.Index].OffsetSeconds:F3} s) went out {latest.LateSeconds:F3} s late; its timer woke {latest.WokeSeconds:F3} s from its due time and the collector paused {latest.Paused.TotalMilliseconds:F1} ms (wall) while it waited; {collector}"));
        }

        TimeSpan rest = TimeSpan.FromSeconds(to) - (context.Now - start);
        if (rest > TimeSpan.Zero)
        {
            await Task.Delay(rest, context.Time, cancellationToken).ConfigureAwait(false);
        }

        Array.Sort(lateSeconds);
        context.Record(Measurement.Recorded(context.Path, "flight schedule: latest command (s late)", lateSeconds.Length == 0 ? 0 : Math.Max(0, lateSeconds[^1]), "s", context.Now));
        if (lateSeconds.Length > 0)
        {
            context.Record(Measurement.Recorded(context.Path, "flight schedule: median command lateness", lateSeconds[lateSeconds.Length / 2], "s", context.Now));
            context.Record(Measurement.Recorded(context.Path, "flight schedule: 99th percentile command lateness", lateSeconds[(int)Math.Ceiling(0.99 * lateSeconds.Length) - 1], "s", context.Now));
        }
    }

    /// <summary>
    /// Waits on a timer until <see cref="TimerSlack"/> of wall time before <paramref name="due"/>, then watches the
    /// clock: a timer fires a millisecond or two of wall time late, which at 400x is most of a second of rig time.
    /// The watching is bounded in wall time, so a clock that only moves when told to (a test's) ends on the timer. It
    /// never yields the core: a thread that gives its core away on a busy machine gets it back a scheduler slice later,
    /// milliseconds of wall time.
    /// </summary>
    /// <returns>When the timer woke, in rig seconds from <paramref name="due"/> (negative: early, as meant).</returns>
    private static async Task<double> WaitUntilAsync(StepContext context, DateTimeOffset due, CancellationToken cancellationToken)
    {
        TimeSpan early = due - context.Now - TransportTime.OnClock(context.Time, TimerSlack);
        if (early > TimeSpan.Zero)
        {
            await Task.Delay(early, context.Time, cancellationToken).ConfigureAwait(false);
        }

        double woke = (context.Now - due).TotalSeconds;

        long watching = Stopwatch.GetTimestamp();
        while (context.Now < due && Stopwatch.GetElapsedTime(watching) < 2 * TimerSlack)
        {
            cancellationToken.ThrowIfCancellationRequested();
            Thread.SpinWait(20);
        }

        TimeSpan rest = due - context.Now;
        if (rest > TimeSpan.Zero)
        {
            await Task.Delay(rest, context.Time, cancellationToken).ConfigureAwait(false);
        }

        return woke;
    }

    /// <summary>Where the flight's telemetry begins on the timeline's axis (0 when it has none).</summary>
    public static double FirstSampleOffset(FlightTimeline timeline) => timeline.Samples.Count == 0 ? 0 : timeline.Samples.Min(s => s.OffsetSeconds);

    /// <summary>
    /// Holds each sent command's verification against the flight's outcome, in the schedule's order, once it has
    /// completed; waits only while more than <paramref name="keep"/> are still being verified.
    /// </summary>
    private static async Task JudgeAsync(StepContext context, Queue<(TimelineCommand Command, Task<CommandRecord?> Sent)> inFlight, int keep, CancellationToken cancellationToken)
    {
        foreach ((TimelineCommand _, Task<CommandRecord?> sent) in inFlight)
        {
            if (sent.IsFaulted)
            {
                await sent.ConfigureAwait(false); // a lost link or a cancelled run ends the schedule now, not 16 commands later
            }
        }

        while (inFlight.Count > 0 && (inFlight.Count > keep || inFlight.Peek().Sent.IsCompleted))
        {
            (TimelineCommand command, Task<CommandRecord?> sent) = inFlight.Dequeue();
            if (await sent.WaitAsync(cancellationToken).ConfigureAwait(false) is not { } record)
            {
                continue;
            }

            context.Observer.OnCommand(record);
            if (CommandOutcomes.Difference(command, record) is { } difference)
            {
                context.Event("warning", difference);
            }
            else if (!record.Succeeded)
            {
                context.Event("info", CommandOutcomes.FailedAlike(command, record));
            }
        }
    }

    /// <summary>Sends one command; its verification (a record, none for uploads and raw octets) completes later.</summary>
    private async Task<CommandRecord?> SendAsync(StepContext context, TimelineCommand command, CancellationToken cancellationToken)
    {
        if (raw && command.Octets is { } octets)
        {
            await context.Rig.SendRawPacketAsync(Convert.FromHexString(octets), cancellationToken).ConfigureAwait(false);
            return null;
        }

        if (command.Command == "SET_PARAMETERS")
        {
            await context.Rig.SetParametersAsync(command.Arguments, cancellationToken).ConfigureAwait(false);
            return null;
        }

        try
        {
            return await context.Rig.SendCommandAsync(command.Command, command.Arguments, cancellationToken).ConfigureAwait(false);
        }
        catch (CommandFailedException failed)
        {
            // The flight unit may have refused it too: the schedule goes on, and the outcome is held against the flight's.
            return new CommandRecord(command.Command, command.Arguments, false, null, null, failed.Message, context.Now) { FailureCode = failed.FailureCode, FailureStage = failed.Stage.ToString().ToLowerInvariant() };
        }
    }

    public static ISequenceStep? Read(StepReader r)
    {
        string? file = r.String("timeline");
        double from = r.Number("from", required: false) ?? 0;
        double? to = r.Number("to", required: false);
        bool raw = r.Bool("raw") ?? false;
        r.Finish();
        if (file is null)
        {
            return null;
        }

        FlightTimeline timeline;
        try
        {
            timeline = TimelineJson.Read(file);
        }
        catch (TimelineException e)
        {
            r.Problem(r.Json["timeline"], "timeline", e.Message);
            return null;
        }

        return new FlightScheduleStep(timeline, from, to ?? timeline.DurationSeconds, raw);
    }

    /// <summary>The command that went out latest, and why it may have: when its timer woke and how long the collector paused meanwhile.</summary>
    private readonly record struct LatestCommand(int Index, double LateSeconds, double WokeSeconds, TimeSpan Paused);
}
