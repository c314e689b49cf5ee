using Serilog;
using Serilog.Core;
using Serilog.Events;
using Serilog.Formatting.Compact;
using UsocHil.Sequencing;
using UsocHil.Sequencing.Steps;

namespace UsocHil.Tests.Sequencing.Steps;

/// <summary>A step's two log lines are the lines Serilog makes from the same template and values: same text, same properties, same CLEF.</summary>
public sealed class StepLogTests
{
    private static string Clef(LogEvent e)
    {
        var text = new StringWriter();
        new CompactJsonFormatter().Format(e, text);
        return text.ToString()[text.ToString().IndexOf(",\"@mt\"", StringComparison.Ordinal)..]; // all but the time
    }

    [TestCase(StepStatus.Passed, null)]
    [TestCase(StepStatus.Failed, "set did not finish within 00:00:05 of rig time")]
    [TestCase(StepStatus.Cancelled, "cancelled")]
    public void LogStartedAndEnded_AsSerilogWouldLogThem(StepStatus status, string? detail)
    {
        var sink = new TestLog();
        using Logger log = new LoggerConfiguration().MinimumLevel.Information().WriteTo.Sink(sink).CreateLogger();

        log.Information("Step {Step} {Kind} started: {Label}", "2.1", "set", "15 K/min \"ramp\"");
        StepLog.LogStarted(log, "2.1", "set", "15 K/min \"ramp\"");
        log.Information("Step {Step} {Kind} {Status}{Detail}", "2.1", "set", status, detail is null ? "" : ": " + detail);
        StepLog.LogEnded(log, "2.1", "set", status, detail);

        Assert.That(sink.Events, Has.Count.EqualTo(4));
        Assert.That(Clef(sink.Events[1]), Is.EqualTo(Clef(sink.Events[0])));
        Assert.That(Clef(sink.Events[3]), Is.EqualTo(Clef(sink.Events[2])));
        Assert.That(sink.Events[3].RenderMessage(), Is.EqualTo(sink.Events[2].RenderMessage()).And.StartsWith($"Step \"2.1\" \"set\" {status}"));
    }

    [Test]
    public void LogStarted_BelowTheConfiguredLevel_LogsNothing()
    {
        var sink = new TestLog();
        using Logger log = new LoggerConfiguration().MinimumLevel.Warning().WriteTo.Sink(sink).CreateLogger();

        StepLog.LogStarted(log, "1", "wait", "soak");
        StepLog.LogEnded(log, "1", "wait", StepStatus.Passed, null);

        Assert.That(sink.Events, Is.Empty);
    }
}
