namespace UsocHil.Cli.Reproducing;

/// <summary>One candidate explanation of the flight symptom: a set of fault specs for the emulator (none: a healthy unit).</summary>
internal sealed record Hypothesis(string Name, IReadOnlyList<string> Faults)
{
    /// <summary>A hypotheses file: one hypothesis a line, its fault specs separated by spaces or commas; "none" (or "no fault") a healthy unit; # comments.</summary>
    public static IReadOnlyList<Hypothesis> Read(string path)
    {
        if (!File.Exists(path))
        {
            throw new UsageException($"reproduce: hypotheses file {path} does not exist");
        }

        var hypotheses = new List<Hypothesis>();
        foreach (string raw in File.ReadLines(path))
        {
            string line = raw.Split('#', 2)[0].Trim();
            if (line.Length == 0)
            {
                continue;
            }

            string[] faults = line is "none" or "no fault" ? [] : line.Split([' ', ',', '\t'], StringSplitOptions.RemoveEmptyEntries);
            hypotheses.Add(new Hypothesis(faults.Length == 0 ? "no fault" : string.Join(" ", faults), faults));
        }

        return hypotheses.Count > 0 ? hypotheses : throw new UsageException($"reproduce: hypotheses file {path} names no hypothesis");
    }
}
