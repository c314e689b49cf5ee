using UsocHil.Benchmarks.Figures;

namespace UsocHil.IntegrationTests.Benchmarks;

/// <summary>Every figure of docs/PERFORMANCE.md still executes: smoke mode, real floors and peers, no goals checked.</summary>
public sealed class FiguresSmokeTests
{
    private static IEnumerable<IFigure> Figures() => FiguresRunner.All();

    [TestCaseSource(nameof(Figures))]
    [CancelAfter(60_000)]
    public async Task MeasureAsync_Smoke_ProducesPositiveFiniteRows(IFigure figure, CancellationToken cancellationToken)
    {
        string root = RepositoryRoot();
        var settings = new FigureSettings(Smoke: true, root, Path.Combine(root, "artifacts", "bench-smoke"));

        IReadOnlyList<FigureRow> rows = await figure.MeasureAsync(settings, cancellationToken);

        Assert.That(rows, Is.Not.Empty);
        foreach (FigureRow row in rows)
        {
            Assert.That(double.IsFinite(row.Value) && row.Value > 0, Is.True, $"{row.Subject}: value {row.Value}");
            Assert.That(double.IsFinite(row.BaselineValue) && row.BaselineValue > 0, Is.True, $"{row.Subject}: baseline {row.BaselineValue}");
        }
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "UsocHil.sln")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException($"no UsocHil.sln above {AppContext.BaseDirectory}");
    }
}
