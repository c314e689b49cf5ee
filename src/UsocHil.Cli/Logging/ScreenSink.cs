using System.Globalization;
using Serilog.Core;
using Serilog.Events;
using Serilog.Parsing;

namespace UsocHil.Cli.Logging;

/// <summary>
/// Log lines handed, formatted, to whatever owns the screen during a run (the live panel writes them above itself);
/// a console sink writing to standard error would tear the panel mid-line.
/// </summary>
internal sealed class ScreenSink(Action<string, LogEventLevel> write) : ILogEventSink
{
    public void Emit(LogEvent logEvent)
    {
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        text.Write(logEvent.Timestamp.ToString("HH:mm:ss", CultureInfo.InvariantCulture));
        text.Write(logEvent.Level switch { LogEventLevel.Warning => " WRN ", LogEventLevel.Error => " ERR ", LogEventLevel.Fatal => " FTL ", _ => " " + logEvent.Level.ToString()[..3].ToUpperInvariant() + " " });
        foreach (MessageTemplateToken token in logEvent.MessageTemplate.Tokens)
        {
            // Names and states as plain words, as the console sink's :lj shows them, not as quoted strings.
            if (token is PropertyToken property && logEvent.Properties.TryGetValue(property.PropertyName, out LogEventPropertyValue? value) && value is ScalarValue { Value: string word })
            {
                text.Write(word);
            }
            else
            {
                token.Render(logEvent.Properties, text, CultureInfo.InvariantCulture);
            }
        }

        write(text.ToString(), logEvent.Level);
    }
}
