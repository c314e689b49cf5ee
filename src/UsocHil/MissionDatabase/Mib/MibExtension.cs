namespace UsocHil.MissionDatabase.Mib;

/// <summary>
/// <c>usoc_hil.dat</c>: the rig facts the MIB has no column for (a parameter settable through service 20, its range,
/// lost at power-off; a command safe to send twice; the service 1 failure codes; a repeated group's name), one per row as
/// <c>kind, name, property, value[, value]</c>. SCOS-2000 loads only the tables it knows, so the folder stays a MIB.
/// </summary>
internal static class MibExtension
{
    public const string Table = "usoc_hil";

    public const string Parameter = "parameter";
    public const string Command = "command";
    public const string FailureCode = "failure-code";

    /// <summary>A repeated group's name: <c>group, layout, counter parameter, name</c>.</summary>
    public const string Group = "group";

    public const string Settable = "settable";
    public const string Volatile = "volatile";
    public const string Range = "range";
    public const string Idempotent = "idempotent";
    public const string Code = "code";

    /// <summary>The rows of <c>usoc_hil.dat</c> by kind, name and property.</summary>
    public static IReadOnlyDictionary<(string Kind, string Name, string Property), MibRow> Read(MibTable table, ImportReport report)
    {
        var rows = new Dictionary<(string, string, string), MibRow>();
        foreach (MibRow row in table.Rows)
        {
            if (!rows.TryAdd((row[0], row[1], row[2]), row))
            {
                report.Dropped(row.Location, "usoc_hil", row[1], $"a second {row[2]} for this {row[0]}");
            }
        }

        return rows;
    }

    public static bool Flag(this IReadOnlyDictionary<(string, string, string), MibRow> rows, string kind, string name, string property) =>
        rows.TryGetValue((kind, name, property), out MibRow? row) && row[3] == "1";

    public static IReadOnlyList<double>? Pair(this IReadOnlyDictionary<(string, string, string), MibRow> rows, string kind, string name, string property) =>
        rows.TryGetValue((kind, name, property), out MibRow? row) && row.Double(3) is double low && row.Double(4) is double high ? [low, high] : null;
}
