using Serilog.Events;
using Serilog.Formatting;
using Serilog.Formatting.Compact;
using Serilog.Formatting.Json;
using Serilog.Parsing;

namespace UsocHil.Cli.Logging;

/// <summary>
/// The run log's CLEF lines, byte for byte as <see cref="CompactJsonFormatter"/> writes them, at less cost per line:
/// a run logs the same few templates thousands of times, so each template's escaped "@mt" text and each property's
/// quoted name are made once, not escaped again for every line. A line that needs more than a timestamp, a template,
/// a level and properties (rendered formats, an exception, a trace or span id) is written by
/// <see cref="CompactJsonFormatter"/> itself. Not thread-safe: one log file writer formats every line.
/// </summary>
internal sealed class ClefFormatter : ITextFormatter
{
    // As many templates and names as a harness logs, with room; past that (text logged as a template), nothing more is kept.
    private const int MaxCached = 2000;

    private readonly CompactJsonFormatter _fallback = new();
    private readonly JsonValueFormatter _values = new(typeTagName: "$type");
    private readonly Dictionary<MessageTemplate, string?> _templates = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<string, string> _names = new(StringComparer.Ordinal);
    private readonly StringWriter _scratch = new(System.Globalization.CultureInfo.InvariantCulture);

    public void Format(LogEvent logEvent, TextWriter output)
    {
        string? template = logEvent.Exception is null && logEvent.TraceId is null && logEvent.SpanId is null ? Template(logEvent.MessageTemplate) : null;
        if (template is null)
        {
            _fallback.Format(logEvent, output);
            return;
        }

        output.Write("{\"@t\":\"");
        output.Write(logEvent.Timestamp.UtcDateTime.ToString("O"));
        output.Write(template);
        if (logEvent.Level != LogEventLevel.Information)
        {
            output.Write(",\"@l\":\"");
            output.Write(logEvent.Level);
            output.Write('"');
        }

        foreach (KeyValuePair<string, LogEventPropertyValue> property in logEvent.Properties)
        {
            output.Write(Name(property.Key));
            _values.Format(property.Value, output);
        }

        output.Write('}');
        output.WriteLine();
    }

    /// <summary>The text after the timestamp up to the properties (<c>","@mt":"…"</c>); null for a template with formatted properties (an "@r" array).</summary>
    private string? Template(MessageTemplate template)
    {
        if (_templates.TryGetValue(template, out string? text))
        {
            return text;
        }

        text = null;
        if (!template.Tokens.Any(t => t is PropertyToken { Format: not null }))
        {
            _scratch.GetStringBuilder().Clear();
            _scratch.Write("\",\"@mt\":");
            JsonValueFormatter.WriteQuotedJsonString(template.Text, _scratch);
            text = _scratch.ToString();
        }

        if (_templates.Count < MaxCached)
        {
            _templates[template] = text;
        }

        return text;
    }

    /// <summary>A property's name as a JSON key with the comma before it and the colon after (a leading '@' doubled, as CLEF escapes it).</summary>
    private string Name(string name)
    {
        if (_names.TryGetValue(name, out string? key))
        {
            return key;
        }

        _scratch.GetStringBuilder().Clear();
        _scratch.Write(',');
        JsonValueFormatter.WriteQuotedJsonString(name.Length > 0 && name[0] == '@' ? "@" + name : name, _scratch);
        _scratch.Write(':');
        key = _scratch.ToString();
        if (_names.Count < MaxCached)
        {
            _names[name] = key;
        }

        return key;
    }
}
