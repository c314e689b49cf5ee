namespace UsocHil.Benchmarks.Figures;

/// <summary>Lines a figure wants under the table (a search's trials, say): printed as they happen and written to the report.</summary>
public static class FigureNotes
{
    private static readonly List<string> Lines = [];

    public static void Add(string line)
    {
        Console.WriteLine("  " + line);
        lock (Lines)
        {
            Lines.Add(line);
        }
    }

    public static IReadOnlyList<string> All()
    {
        lock (Lines)
        {
            return [.. Lines];
        }
    }
}
