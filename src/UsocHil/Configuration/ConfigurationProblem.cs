namespace UsocHil.Configuration;

/// <summary>One thing wrong in a configuration or sequence file, located as an editor would: file, line, JSON path.</summary>
public sealed record ConfigurationProblem(string File, string JsonPath, int Line, string Message)
{
    public override string ToString()
    {
        string where = Line > 0 ? $"{File}:{Line}" : File;
        string path = string.IsNullOrEmpty(JsonPath) ? "" : $" {JsonPath}:";
        return Printable($"{where}:{path} {Message}");
    }

    // A parser quotes the offending character; a file's control bytes (an ESC sequence) must not reach the terminal raw.
    private static string Printable(string line) =>
        line.Any(char.IsControl) ? string.Concat(line.Select(c => char.IsControl(c) ? $"\\u{(int)c:X4}" : c.ToString())) : line;
}
