using Serilog.Core;
using Serilog.Events;

namespace UsocHil.Cli.Logging;

/// <summary>
/// The log lines on the operator's terminal: text values that came from a sequence, a rig or an archive (step labels,
/// event messages, device answers) have their control characters escaped before the console sink sees them, as
/// everything else the CLI prints. The run's log file keeps them as they were (JSON escapes them there). A line below
/// <paramref name="shownFrom"/> costs nothing here; a line shown waits for <paramref name="beforeShowing"/> first (the
/// log file has written everything up to it), so nothing the operator saw is missing from the file after a kill.
/// </summary>
internal sealed class TerminalLogSink(Logger console, LogEventLevel shownFrom, Action beforeShowing) : ILogEventSink, IDisposable
{
    public void Emit(LogEvent logEvent)
    {
        if (logEvent.Level < shownFrom)
        {
            return;
        }

        beforeShowing();
        console.Write(new LogEvent(logEvent.Timestamp, logEvent.Level, logEvent.Exception, logEvent.MessageTemplate,
            logEvent.Properties.Select(p => new LogEventProperty(p.Key, Escaped(p.Value)))));
    }

    public void Dispose() => console.Dispose();

    private static LogEventPropertyValue Escaped(LogEventPropertyValue value) => value switch
    {
        ScalarValue { Value: string text } => new ScalarValue(TerminalText.Escape(text)),
        SequenceValue sequence => new SequenceValue(sequence.Elements.Select(Escaped)),
        StructureValue structure => new StructureValue(structure.Properties.Select(p => new LogEventProperty(p.Name, Escaped(p.Value))), structure.TypeTag),
        DictionaryValue dictionary => new DictionaryValue(dictionary.Elements.Select(e => new KeyValuePair<ScalarValue, LogEventPropertyValue>(e.Key, Escaped(e.Value)))),
        _ => value,
    };
}
