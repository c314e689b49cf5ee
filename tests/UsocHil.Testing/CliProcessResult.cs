namespace UsocHil.Testing;

/// <summary>How a usoc-hil child process ended: its exit code and everything it printed.</summary>
public sealed record CliProcessResult(int ExitCode, string Stdout, string Stderr)
{
    public string All => Stdout + Stderr;

    public string Describe() => $"exit {ExitCode}\n--- stdout (tail) ---\n{Tail(Stdout)}\n--- stderr ---\n{Tail(Stderr)}";

    /// <summary>The last line containing the text, joined with the next line (the result table wraps long reasons).</summary>
    public string LastLine(string startingWith)
    {
        string[] lines = Stdout.Split('\n').Select(l => l.Trim()).ToArray();
        int at = Array.FindLastIndex(lines, l => l.Contains(startingWith, StringComparison.Ordinal));
        if (at < 0)
        {
            return "(no such line)";
        }

        string line = at + 1 < lines.Length && !lines[at + 1].StartsWith("Safing", StringComparison.Ordinal) ? lines[at] + " " + lines[at + 1] : lines[at];
        return line.Replace("|", "\\|", StringComparison.Ordinal);
    }

    private static string Tail(string text) => text.Length > 3000 ? "…" + text[^3000..] : text;
}
