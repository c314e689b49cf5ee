using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace UsocHil.IntegrationTests.Reliability;

/// <summary>
/// The log lines a run showed on standard error ("22:01:08.123 INF Step 3 set passed") held against its CLEF file:
/// a shown line is in the file when an event there has the same millisecond, the same level and every literal piece of
/// its message template, in order, in the shown text. Each event in the file accounts for one shown line only.
/// </summary>
internal static partial class ShownLogLines
{
    /// <summary>The shown lines no event of <paramref name="clefFile"/> accounts for.</summary>
    public static IReadOnlyList<string> MissingFrom(string clefFile, string stderr, out int shown)
    {
        var events = File.ReadAllLines(clefFile).Where(l => l.Length > 0).Select(Parse).ToList();
        var missing = new List<string>();
        shown = 0;
        foreach (Match line in ShownLine().Matches(stderr))
        {
            shown++;
            string time = line.Groups[1].Value, level = line.Groups[2].Value, text = line.Groups[3].Value.TrimEnd('\r');
            int found = events.FindIndex(e => e.Time == time && e.Level == level && ContainsInOrder(text, e.Literals));
            if (found < 0)
            {
                missing.Add(line.Value.TrimEnd('\r'));
            }
            else
            {
                events.RemoveAt(found);
            }
        }

        return missing;
    }

    private static (string Time, string Level, string[] Literals) Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        JsonElement root = document.RootElement;
        DateTimeOffset at = DateTimeOffset.Parse(root.GetProperty("@t").GetString()!, CultureInfo.InvariantCulture).ToLocalTime();
        string level = root.TryGetProperty("@l", out JsonElement l) ? l.GetString()! : "Information";
        string template = root.GetProperty("@mt").GetString()!;
        return (at.ToString("HH:mm:ss.fff", CultureInfo.InvariantCulture), Abbreviated(level), Token().Split(template).Where(p => p.Length > 0).ToArray());
    }

    private static string Abbreviated(string level) => level switch
    {
        "Verbose" => "VRB",
        "Debug" => "DBG",
        "Information" => "INF",
        "Warning" => "WRN",
        "Error" => "ERR",
        _ => "FTL",
    };

    private static bool ContainsInOrder(string text, string[] literals)
    {
        int at = 0;
        foreach (string literal in literals)
        {
            int found = text.IndexOf(literal, at, StringComparison.Ordinal);
            if (found < 0)
            {
                return false;
            }

            at = found + literal.Length;
        }

        return true;
    }

    [GeneratedRegex(@"^(\d\d:\d\d:\d\d\.\d{3}) (VRB|DBG|INF|WRN|ERR|FTL) (.*)$", RegexOptions.Multiline)]
    private static partial Regex ShownLine();

    [GeneratedRegex(@"\{[@$]?[A-Za-z0-9_]+(?:,-?\d+)?(?::[^}]*)?\}")]
    private static partial Regex Token();
}
