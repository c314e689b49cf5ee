using System.Collections.Concurrent;
using UsocHil.Optimisation;

namespace UsocHil.Tests.Optimisation;

public sealed class RigOptimiserTests
{
    private static readonly OptimisationVariable[] s_xy =
    [
        new("x", Initial: 0, Min: -10, Max: 10, Step: 1),
        new("y", Initial: 0, Min: -10, Max: 10, Step: 1),
    ];

    /// <summary>A bowl with its minimum 5 at (3, -1), elongated along y.</summary>
    private static double Bowl(IReadOnlyList<double> p) => Math.Pow(p[0] - 3, 2) + (4 * Math.Pow(p[1] + 1, 2)) + 5;

    private sealed class Counting(Func<IReadOnlyList<double>, double> objective)
    {
        public ConcurrentQueue<double[]> Points { get; } = new();

        public async Task<double> EvaluateAsync(IReadOnlyList<double> point, CancellationToken cancellationToken)
        {
            Points.Enqueue(point.ToArray());
            await Task.Yield();
            return objective(point);
        }
    }

    [Test]
    [CancelAfter(10_000)]
    public async Task MinimiseAsync_NelderMeadOnAQuadratic_ConvergesToItsMinimumWithinTheBudget(CancellationToken cancellationToken)
    {
        var rig = new Counting(Bowl);

        OptimisationResult result = await RigOptimiser.MinimiseAsync(OptimisationMethod.NelderMead, s_xy, rig.EvaluateAsync, 200, 1e-10, cancellationToken);

        Assert.That(result.Converged, Is.True, result.Reason);
        Assert.That(result.Best[0], Is.EqualTo(3).Within(1e-3));
        Assert.That(result.Best[1], Is.EqualTo(-1).Within(1e-3));
        Assert.That(result.BestObjective, Is.EqualTo(5).Within(1e-5));
        Assert.That(result.Evaluations, Is.LessThanOrEqualTo(200).And.EqualTo(rig.Points.Count));
        Assert.That(result.History.Select(h => h.Index), Is.EqualTo(Enumerable.Range(1, result.Evaluations)));
    }

    [TestCase(1)]
    [TestCase(7)]
    [TestCase(15)]
    [CancelAfter(10_000)]
    public async Task MinimiseAsync_BudgetTooSmallToConverge_StopsAtExactlyTheBudgetWithTheBestSoFar(int budget, CancellationToken cancellationToken)
    {
        var rig = new Counting(Bowl);

        OptimisationResult result = await RigOptimiser.MinimiseAsync(OptimisationMethod.NelderMead, s_xy, rig.EvaluateAsync, budget, 1e-12, cancellationToken);

        Assert.That(rig.Points, Has.Count.EqualTo(budget), "the rig ran exactly the budget");
        Assert.That(result.Evaluations, Is.EqualTo(budget));
        Assert.That(result.Converged, Is.False);
        Assert.That(result.Reason, Is.EqualTo($"evaluation budget of {budget} spent"));
        Assert.That(result.BestObjective, Is.EqualTo(result.History.Min(h => h.Objective)));
        Assert.That(result.BestObjective, Is.EqualTo(Bowl(result.Best)));
    }

    [Test]
    [CancelAfter(10_000)]
    public async Task MinimiseAsync_MinimumOutsideTheBounds_NeverEvaluatesOutsideAndEndsOnTheBound(CancellationToken cancellationToken)
    {
        // Unconstrained minimum at x = 15, y = -1; x may not exceed 10.
        var rig = new Counting(p => Math.Pow(p[0] - 15, 2) + Math.Pow(p[1] + 1, 2));
        OptimisationVariable[] variables = [new("x", 5, 0, 10, 2), new("y", 0, -10, 10, 2)];

        OptimisationResult result = await RigOptimiser.MinimiseAsync(OptimisationMethod.NelderMead, variables, rig.EvaluateAsync, 150, 1e-9, cancellationToken);

        Assert.That(rig.Points.All(p => p[0] is >= 0 and <= 10 && p[1] is >= -10 and <= 10), Is.True,
            "out of bounds: " + string.Join("; ", rig.Points.Where(p => p[0] is < 0 or > 10).Select(p => $"({p[0]}, {p[1]})")));
        Assert.That(result.Best[0], Is.EqualTo(10).Within(1e-2));
        Assert.That(result.Best[1], Is.EqualTo(-1).Within(1e-2));
    }

    [Test]
    [CancelAfter(10_000)]
    public async Task MinimiseAsync_GoldenSectionOnAParabola_FindsTheMinimumInFewEvaluations(CancellationToken cancellationToken)
    {
        var rig = new Counting(p => Math.Pow(p[0] - 2.5, 2) + 1);

        OptimisationResult result = await RigOptimiser.MinimiseAsync(OptimisationMethod.GoldenSection, [new("kp", 8, 0, 10, 1)], rig.EvaluateAsync, 60, 1e-4, cancellationToken);

        Assert.That(result.Converged, Is.True, result.Reason);
        Assert.That(result.Best[0], Is.EqualTo(2.5).Within(2e-3));
        Assert.That(result.Evaluations, Is.LessThanOrEqualTo(60));
        Assert.That(rig.Points.All(p => p[0] is >= 0 and <= 10), Is.True);
    }

    [Test]
    [CancelAfter(10_000)]
    public async Task MinimiseAsync_GoldenSectionMinimumAtABound_StaysInsideTheBounds(CancellationToken cancellationToken)
    {
        var rig = new Counting(p => p[0]);

        OptimisationResult result = await RigOptimiser.MinimiseAsync(OptimisationMethod.GoldenSection, [new("x", 5, 1, 9, 1)], rig.EvaluateAsync, 40, 1e-3, cancellationToken);

        Assert.That(rig.Points.All(p => p[0] is >= 1 and <= 9), Is.True);
        Assert.That(result.Best[0], Is.EqualTo(1).Within(0.05));
        Assert.That(result.Evaluations, Is.LessThanOrEqualTo(40));
    }

    [Test]
    public async Task MinimiseAsync_GoldenSectionOnTwoVariables_ThrowsArgumentException() =>
        await Assert.ThrowsAsync<ArgumentException>(() => RigOptimiser.MinimiseAsync(OptimisationMethod.GoldenSection, s_xy, (_, _) => Task.FromResult(0.0), 10, 1e-3, CancellationToken.None));

    [Test]
    [CancelAfter(10_000)]
    public async Task MinimiseAsync_EvaluationThrows_PropagatesThatErrorAfterTheFirstEvaluation(CancellationToken cancellationToken)
    {
        int calls = 0;
        Task<double> Failing(IReadOnlyList<double> point, CancellationToken ct) =>
            ++calls == 3 ? throw new TimeoutException("link dead") : Task.FromResult(Bowl(point));

        var error = await Assert.ThrowsAsync<TimeoutException>(() => RigOptimiser.MinimiseAsync(OptimisationMethod.NelderMead, s_xy, Failing, 50, 1e-9, cancellationToken));

        Assert.That(error!.Message, Is.EqualTo("link dead"));
        Assert.That(calls, Is.EqualTo(3), "no evaluation after the failing one");
    }

    [Test]
    [CancelAfter(10_000)]
    public async Task MinimiseAsync_CancelledDuringAnEvaluation_ThrowsOperationCanceled(CancellationToken cancellationToken)
    {
        using var operatorAbort = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        int calls = 0;
        async Task<double> Slow(IReadOnlyList<double> point, CancellationToken ct)
        {
            if (++calls == 4)
            {
                await operatorAbort.CancelAsync();
            }

            ct.ThrowIfCancellationRequested();
            return Bowl(point);
        }

        await Assert.ThrowsAsync(Is.InstanceOf<OperationCanceledException>(), () => RigOptimiser.MinimiseAsync(OptimisationMethod.NelderMead, s_xy, Slow, 50, 1e-9, operatorAbort.Token));
        Assert.That(calls, Is.EqualTo(4));
    }

    [Test]
    [CancelAfter(10_000)]
    public async Task MinimiseAsync_SamePointAskedTwice_RunsTheRigOnce(CancellationToken cancellationToken)
    {
        var rig = new Counting(p => Math.Abs(p[0] - 4));

        OptimisationResult result = await RigOptimiser.MinimiseAsync(OptimisationMethod.NelderMead, [new("x", 0, 0, 10, 20)], rig.EvaluateAsync, 60, 1e-6, cancellationToken);

        var distinct = rig.Points.Select(p => p[0]).Distinct().Count();
        Assert.That(distinct, Is.EqualTo(rig.Points.Count), "each point on the rig once");
        Assert.That(result.Best[0], Is.EqualTo(4).Within(0.2), "within 2 % of the range, where the simplex counts as collapsed");
    }

    /// <summary>On a rig the objective is noisy and never settles below a tiny tolerance: a collapsed simplex ends the search.</summary>
    [Test]
    [CancelAfter(10_000)]
    public async Task MinimiseAsync_NoisyObjective_StopsConvergedOnceTheSimplexCollapsesWellWithinTheBudget(CancellationToken cancellationToken)
    {
        var noise = new Random(11);
        var rig = new Counting(p => Bowl(p) + (0.05 * (noise.NextDouble() - 0.5)));

        OptimisationResult result = await RigOptimiser.MinimiseAsync(OptimisationMethod.NelderMead, s_xy, rig.EvaluateAsync, 300, 1e-12, cancellationToken);

        Assert.That(result.Converged, Is.True, result.Reason);
        Assert.That(result.Reason, Does.Contain("lie within 2"));
        Assert.That(result.Evaluations, Is.LessThan(300));
        Assert.That(result.Best[0], Is.EqualTo(3).Within(0.5));
        Assert.That(result.Best[1], Is.EqualTo(-1).Within(0.5));
    }
}
