using Serilog;
using Serilog.Core;
using Serilog.Events;
using UsocHil.Links;
using UsocHil.Links.Tracing;

namespace UsocHil.Tests.Links;

public sealed class LinkTraceTests
{
    private static readonly LinkInfo Info = new("payload", "serial", "/dev/pts/3");

    [Test]
    public void Received_VerboseEnabled_LogsHexDump()
    {
        var sink = new Collecting();
        ILogger log = new LoggerConfiguration().MinimumLevel.Verbose().WriteTo.Sink(sink).CreateLogger();

        LinkTrace.Received(log, Info, [0xde, 0xad]);

        Assert.That(sink.Events, Has.Count.EqualTo(1));
        Assert.That(sink.Events[0].Level, Is.EqualTo(LogEventLevel.Verbose));
        Assert.That(sink.Events[0].RenderMessage(), Does.Contain("de ad"));
    }

    [Test]
    public void Sent_VerboseDisabled_LogsNothing()
    {
        var sink = new Collecting();
        ILogger log = new LoggerConfiguration().MinimumLevel.Debug().WriteTo.Sink(sink).CreateLogger();

        LinkTrace.Sent(log, Info, [0xde, 0xad]);

        Assert.That(sink.Events, Is.Empty);
    }

    private sealed class Collecting : ILogEventSink
    {
        public List<LogEvent> Events { get; } = [];

        public void Emit(LogEvent logEvent) => Events.Add(logEvent);
    }
}
