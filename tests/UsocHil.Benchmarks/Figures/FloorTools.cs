namespace UsocHil.Benchmarks.Figures;

/// <summary>The C floors, built with the machine's gcc in the same run as the figures they stand beside.</summary>
public static class FloorTools
{
    public static string PtyPingPong(FigureSettings settings) =>
        Build(settings, "pty_pingpong.c", "pty_pingpong", "-lutil");

    public static string TcpPingPong(FigureSettings settings) =>
        Build(settings, "tcp_pingpong.c", "tcp_pingpong", "-pthread");

    private static string Build(FigureSettings settings, string source, string name, string libraries)
    {
        string output = Path.Combine(settings.ArtifactsDirectory, name);
        string input = Path.Combine(settings.RepositoryRoot, "bench", "floor", source);
        Directory.CreateDirectory(settings.ArtifactsDirectory);
        Processes.OutputAsync("gcc", $"-O2 -o \"{output}\" \"{input}\" {libraries}", CancellationToken.None).GetAwaiter().GetResult();
        return output;
    }
}
