using System.Globalization;

namespace UsocHil.MissionDatabase.Mib;

/// <summary>
/// One SCOS-2000 MIB ASCII table (<c>pid.dat</c>, <c>pcf.dat</c>, ...): tab-separated rows, each known by
/// <c>table:row</c>. A missing table is empty; an oversized one is refused before it is read.
/// </summary>
internal sealed class MibTable
{
    public const long MaxFileBytes = 64L * 1024 * 1024;

    private MibTable(string name, IReadOnlyList<MibRow> rows)
    {
        Name = name;
        Rows = rows;
    }

    public string Name { get; }
    public IReadOnlyList<MibRow> Rows { get; }

    public static MibTable Read(string folder, string table)
    {
        string name = table + ".dat";
        string? path = Directory.EnumerateFiles(folder).FirstOrDefault(f => string.Equals(Path.GetFileName(f), name, StringComparison.OrdinalIgnoreCase));
        if (path is null)
        {
            return new MibTable(name, []);
        }

        long length = new FileInfo(path).Length;
        if (length > MaxFileBytes)
        {
            throw new MissionDatabaseException($"{name}:0", $"table is {length:N0} bytes, more than the {MaxFileBytes:N0} a MIB table may have");
        }

        var rows = new List<MibRow>();
        int number = 0;
        foreach (string line in File.ReadLines(path))
        {
            number++;
            if (line.Trim().Length > 0)
            {
                rows.Add(new MibRow($"{name}:{number}", line.TrimEnd('\r').Split('\t')));
            }
        }

        return new MibTable(name, rows);
    }
}

/// <summary>One row of a MIB table; columns count from 0 and a missing one reads as empty.</summary>
internal sealed record MibRow(string Location, string[] Columns)
{
    public string this[int column] => column < Columns.Length ? Columns[column].Trim() : "";

    public int? Int(int column) => int.TryParse(this[column], NumberStyles.Integer, CultureInfo.InvariantCulture, out int value) ? value : null;

    public double? Double(int column) =>
        double.TryParse(this[column], NumberStyles.Float, CultureInfo.InvariantCulture, out double value) && double.IsFinite(value) ? value : null;
}
