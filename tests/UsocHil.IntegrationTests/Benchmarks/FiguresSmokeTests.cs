using UsocHil.Benchmarks.Figures;
using UsocHil.Sequencing;
using UsocHil.Description;

namespace UsocHil.IntegrationTests.Benchmarks;

/// <summary>Every figure of docs/PERFORMANCE.md still executes: smoke mode, real floors and peers, no goals checked.</summary>
public sealed class FiguresSmokeTests
{
    private static IEnumerable<IFigure> Figures() => FiguresRunner.All();

    [TestCaseSource(nameof(Figures))]
    [CancelAfter(60_000)]
    public async Task MeasureAsync_Smoke_ProducesPositiveFiniteRows(IFigure figure, CancellationToken cancellationToken)
    {
        string root = RepositoryPaths.Root;
        var settings = new FigureSettings(Smoke: true, root, Path.Combine(root, "artifacts", "bench-smoke"));

        IReadOnlyList<FigureRow> rows = await figure.MeasureAsync(settings, cancellationToken);

        Assert.That(rows, Is.Not.Empty);
        foreach (FigureRow row in rows)
        {
            Assert.That(double.IsFinite(row.Value) && row.Value > 0, Is.True, $"{row.Subject}: value {row.Value}");
            Assert.That(double.IsFinite(row.BaselineValue) && row.BaselineValue > 0, Is.True, $"{row.Subject}: baseline {row.BaselineValue}");
        }
    }

    /// <summary>The full run loads sequences the smoke run does not; a broken one would only show in a bench run.</summary>
    [TestCaseSource(nameof(BenchSequences))]
    public void BenchSequence_LoadsForTheFurnace(string file)
    {
        RigDefinition rig = TestRigs.Furnace();

        SequencePlan plan = SequenceLoader.Load(Path.Combine(RepositoryPaths.BenchSequences, file), rig);

        Assert.That(plan.Name, Is.EqualTo(Path.GetFileNameWithoutExtension(file)));
    }

    private static IEnumerable<string> BenchSequences() =>
        Directory.EnumerateFiles(RepositoryPaths.BenchSequences, "*.json").Select(Path.GetFileName).Order()!;
}
