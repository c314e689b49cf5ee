namespace UsocHil.Benchmarks.Figures;

/// <summary>A figure of docs/PERFORMANCE.md: measures the harness and its floor/peers, in one call.</summary>
public interface IFigure
{
    string Name { get; }

    Task<IReadOnlyList<FigureRow>> MeasureAsync(FigureSettings settings, CancellationToken cancellationToken);
}

/// <summary>How long to measure: smoke mode only proves every figure executes.</summary>
public sealed record FigureSettings(bool Smoke, string RepositoryRoot, string ArtifactsDirectory)
{
    public int Scale(int full) => Smoke ? Math.Max(1, full / 100) : full;
}
