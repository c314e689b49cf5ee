using System.Globalization;
using UsocHil.Results;

namespace UsocHil.Reporting;

/// <summary>A run's telemetry as CSV: a time column (ISO 8601, UTC) then one column per parameter, a row per sampling instant.</summary>
public static class CsvExport
{
    public static void Write(RunRecord run, TextWriter output)
    {
        string[] parameters = run.Telemetry.Select(t => t.Parameter).Distinct().ToArray();
        var column = parameters.Select((p, i) => (p, i)).ToDictionary(x => x.p, x => x.i, StringComparer.Ordinal);
        output.Write("time");
        foreach (string p in parameters)
        {
            output.Write(',');
            output.Write(Field(p));
        }

        output.Write('\n');
        foreach (var instant in run.Telemetry.GroupBy(t => t.Time).OrderBy(g => g.Key))
        {
            var row = new string[parameters.Length];
            foreach (TelemetryRow t in instant)
            {
                row[column[t.Parameter]] = double.IsNaN(t.Value) ? "" : t.Value.ToString("R", CultureInfo.InvariantCulture);
            }

            output.Write(instant.Key.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture));
            foreach (string? v in row)
            {
                output.Write(',');
                output.Write(v);
            }

            output.Write('\n');
        }
    }

    /// <summary>RFC 4180 quoting; a leading =, +, - or @ is defused so a spreadsheet does not run a parameter name as a formula.</summary>
    internal static string Field(string text)
    {
        if (text.Length > 0 && text[0] is '=' or '+' or '-' or '@')
        {
            text = "'" + text;
        }

        return text.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + text.Replace("\"", "\"\"") + "\"" : text;
    }
}
