using System.Globalization;

namespace UsocHil.Timelines;

/// <summary>
/// A command history in CSV, the shape Yamcs and COSMOS export: a time (ISO 8601, UTC), the command's name and its
/// arguments as NAME=VALUE pairs (separated by ';' or spaces). A header row is recognised by its column names (a
/// column with "time", one with "command" or "name", one with "arg"); without one the columns are taken in that order.
/// </summary>
internal static class CommandHistoryFormat
{
    public static string Read(string path, TimelineBuilder into, Description.RigDefinition rig)
    {
        string name = Path.GetFileName(path);
        var known = rig.Dictionary.Commands.Select(c => c.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
        (int time, int command, int arguments) = (0, 1, 2);
        int line = 0;
        foreach (string text in File.ReadLines(path))
        {
            line++;
            if (string.IsNullOrWhiteSpace(text) || text.TrimStart().StartsWith('#'))
            {
                continue;
            }

            List<string> fields = Split(text);
            if (line == 1 && Header(fields) is { } header)
            {
                (time, command, arguments) = header;
                continue;
            }

            into.Total++;
            into.Telecommands++;
            string where = $"{name} line {line}";
            if (fields.Count <= Math.Max(time, command)
                || !DateTimeOffset.TryParse(fields[time], CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out DateTimeOffset at))
            {
                into.BadOne(where, "not a time and a command name");
                continue;
            }

            string commandName = fields[command].Trim();
            if (!known.Contains(commandName))
            {
                into.UnknownOne(where, $"command {commandName} is not in {rig.Name}'s dictionary");
                continue;
            }

            if (Arguments(arguments < fields.Count ? fields[arguments] : "") is { } args)
            {
                into.Command(at, rig.Dictionary.Commands.First(c => string.Equals(c.Name, commandName, StringComparison.OrdinalIgnoreCase)).Name, args, null);
            }
            else
            {
                into.BadOne(where, $"arguments '{fields[arguments]}' are not NAME=VALUE pairs");
            }
        }

        return "command history times taken as on-board time (UTC)";
    }

    private static (int, int, int)? Header(List<string> fields)
    {
        int Find(Func<string, bool> match) => fields.FindIndex(f => match(f.ToLowerInvariant()));
        int time = Find(f => f.Contains("time", StringComparison.Ordinal));
        int command = Find(f => f.Contains("command", StringComparison.Ordinal) || f == "name");
        int arguments = Find(f => f.Contains("arg", StringComparison.Ordinal));
        return time >= 0 && command >= 0 ? (time, command, arguments < 0 ? int.MaxValue : arguments) : null;
    }

    private static Dictionary<string, double>? Arguments(string text)
    {
        var arguments = new Dictionary<string, double>(StringComparer.OrdinalIgnoreCase);
        foreach (string pair in text.Split([';', ' ', '\t'], StringSplitOptions.RemoveEmptyEntries))
        {
            string[] parts = pair.Split('=', 2);
            if (parts.Length != 2 || !double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out double value))
            {
                return null;
            }

            arguments[parts[0].Trim()] = value;
        }

        return arguments;
    }

    /// <summary>One CSV record's fields: commas separate, double quotes quote, a doubled quote is a quote.</summary>
    private static List<string> Split(string line)
    {
        var fields = new List<string>();
        var field = new System.Text.StringBuilder();
        bool quoted = false;
        for (int i = 0; i < line.Length; i++)
        {
            char c = line[i];
            if (quoted && c == '"' && i + 1 < line.Length && line[i + 1] == '"')
            {
                field.Append('"');
                i++;
            }
            else if (c == '"')
            {
                quoted = !quoted;
            }
            else if (c == ',' && !quoted)
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else
            {
                field.Append(c);
            }
        }

        fields.Add(field.ToString());
        return fields;
    }
}
