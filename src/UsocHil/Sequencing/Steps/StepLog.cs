using System.Diagnostics;
using Serilog;
using Serilog.Events;
using Serilog.Parsing;

namespace UsocHil.Sequencing.Steps;

/// <summary>
/// The two lines every step logs (started, and how it ended), with their templates parsed once and their properties
/// made directly: the same events, properties and values as <c>Log.Information(template, …)</c> makes, without
/// looking the template up, boxing the arguments and capturing each one again for every step.
/// </summary>
internal static class StepLog
{
    private static readonly MessageTemplate Started = new MessageTemplateParser().Parse("Step {Step} {Kind} started: {Label}");
    private static readonly MessageTemplate Ended = new MessageTemplateParser().Parse("Step {Step} {Kind} {Status}{Detail}");
    private static readonly ScalarValue[] Statuses = Enum.GetValues<StepStatus>().Select(s => new ScalarValue(s)).ToArray();
    private static readonly ScalarValue NoDetail = new("");

    public static void LogStarted(ILogger log, string path, string kind, string label)
    {
        if (log.IsEnabled(LogEventLevel.Information))
        {
            Write(log, Started, [new("Step", new ScalarValue(path)), new("Kind", new ScalarValue(kind)), new("Label", new ScalarValue(label))]);
        }
    }

    public static void LogEnded(ILogger log, string path, string kind, StepStatus status, string? detail)
    {
        if (log.IsEnabled(LogEventLevel.Information))
        {
            Write(log, Ended,
            [
                new("Step", new ScalarValue(path)), new("Kind", new ScalarValue(kind)),
                new("Status", (uint)status < (uint)Statuses.Length ? Statuses[(int)status] : new ScalarValue(status)),
                new("Detail", detail is null ? NoDetail : new ScalarValue(": " + detail)),
            ]);
        }
    }

    private static void Write(ILogger log, MessageTemplate template, LogEventProperty[] properties)
    {
        // As Serilog's own Write: the wall clock's local time (a log line is stamped in wall time, not rig time) and the
        // trace and span of the current activity, if any.
        Activity? activity = Activity.Current;
        log.Write(new LogEvent(TimeProvider.System.GetLocalNow(), LogEventLevel.Information, null, template, properties, activity?.TraceId ?? default, activity?.SpanId ?? default));
    }
}
