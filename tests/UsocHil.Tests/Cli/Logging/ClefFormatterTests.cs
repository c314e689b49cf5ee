using System.Diagnostics;
using Serilog;
using Serilog.Core;
using Serilog.Events;
using Serilog.Formatting.Compact;
using UsocHil.Cli.Logging;

namespace UsocHil.Tests.Cli.Logging;

/// <summary>The run log's formatter writes every line exactly as Serilog's compact JSON formatter does, however often a template recurs.</summary>
public sealed class ClefFormatterTests
{
    private enum Heater
    {
        Off,
        On,
    }

    private static List<LogEvent> LoggedLines()
    {
        var sink = new TestLog();
        using Logger log = new LoggerConfiguration().MinimumLevel.Verbose().Enrich.FromLogContext().WriteTo.Sink(sink).CreateLogger();
        for (int i = 0; i < 3; i++)
        {
            log.Information("Step {Step} {Kind} started: {Label}", $"1.{i}", "set", "15 K/min \"ramp\"\n\u0001");
            log.Information("Step {Step} {Kind} {Status}{Detail}", $"1.{i}", "set", Heater.On, i == 1 ? ": timed out" : "");
            log.Warning("Verdict {Verdict} for {Measurement} = {Value:G6} {Unit}", "fail", "T_plate", 273.15 + i, "K");
            log.Error(new InvalidOperationException("link lost"), "Link {Link} lost after {Seconds} s", "payload", 1.5);
            log.Debug("Unit {Serial} identified; loaded {@Configuration}", "FM-002", new { Gain = 1.25, Channels = new[] { 1, 2 } });
            log.Verbose("Parameters {Parameters} and {Map}", new[] { "a", "b" }, new Dictionary<string, int> { ["x"] = 1 });
            log.ForContext("@odd", "at").Information("Odd {Name} {@Null}", (string?)null, null);
            log.Information("Operator: {Message}", "pause {not a hole}");
            log.Information("Plain text line with {{braces}} and no properties");
        }

        using (var activity = new Activity("trace").Start())
        {
            log.Information("Traced {N}", 1);
        }

        return [.. sink.Events];
    }

    private static string Format(Serilog.Formatting.ITextFormatter formatter, IEnumerable<LogEvent> events)
    {
        var text = new StringWriter();
        foreach (LogEvent logEvent in events)
        {
            formatter.Format(logEvent, text);
        }

        return text.ToString();
    }

    [Test]
    public void Format_TemplatesRecurring_EveryLineAsCompactJsonFormatterWritesIt()
    {
        List<LogEvent> events = LoggedLines();

        string expected = Format(new CompactJsonFormatter(), events);
        string actual = Format(new ClefFormatter(), events);

        Assert.That(actual.Split('\n'), Is.EqualTo(expected.Split('\n')));
        Assert.That(expected, Does.Contain("\"@r\":[").And.Contain("\"@x\":").And.Contain("\"@l\":\"Warning\"").And.Contain("\"@@odd\""), "the test covers every kind of line");
    }
}
