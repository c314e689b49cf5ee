namespace UsocHil.Configuration;

/// <summary>One thing wrong in a configuration or sequence file, located as an editor would: file, line, JSON path.</summary>
public sealed record ConfigurationProblem(string File, string JsonPath, int Line, string Message)
{
    public override string ToString()
    {
        string where = Line > 0 ? $"{File}:{Line}" : File;
        string path = string.IsNullOrEmpty(JsonPath) ? "" : $" {JsonPath}:";
        return $"{where}:{path} {Message}";
    }
}
