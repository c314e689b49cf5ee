using System.Threading.Channels;
using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.Optimization;

namespace UsocHil.Optimisation;

/// <summary>
/// Minimises an objective whose every evaluation is an experiment on the rig, with MathNet.Numerics' optimisers.
/// Those call the objective synchronously, so the optimiser runs on a thread of its own and hands each point to the
/// caller's async loop, blocking only that thread while the rig works. Bounds are kept by clamping (plus a penalty
/// for how far outside the simplex wandered, so it comes back); repeated points reuse their first result; the
/// evaluation budget is hard: the search stops at it and the best point so far is returned.
/// Nelder-Mead also stops, converged, when its simplex has shrunk to within <see cref="CollapsedFraction"/> of every
/// variable's range: MathNet only compares objective values, and on a rig those carry measurement noise that never
/// falls below its tolerance, so a collapsed simplex would otherwise spend the budget re-measuring one point.
/// </summary>
public static class RigOptimiser
{
    private const double OutOfBoundsPenalty = 1e3;
    private const double CollapsedFraction = 0.02;

    public static async Task<OptimisationResult> MinimiseAsync(
        OptimisationMethod method,
        IReadOnlyList<OptimisationVariable> variables,
        Func<IReadOnlyList<double>, CancellationToken, Task<double>> evaluate,
        int budget,
        double tolerance,
        CancellationToken cancellationToken)
    {
        if (method == OptimisationMethod.GoldenSection && variables.Count != 1)
        {
            throw new ArgumentException("golden-section search optimises exactly one variable", nameof(variables));
        }

        var requests = Channel.CreateUnbounded<Request>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
        var history = new List<OptimisationEvaluation>();
        var cache = new Dictionary<string, double>(StringComparer.Ordinal);
        string reason = "";
        bool converged = false;
        Exception? fatal = null;

        double Objective(double[] point)
        {
            double[] clamped = point.Select((v, i) => variables[i].Clamp(v)).ToArray();
            double outside = point.Select((v, i) => (v - clamped[i]) / (variables[i].Max - variables[i].Min)).Sum(d => d * d);
            string key = string.Join(",", clamped.Select(v => v.ToString("R", System.Globalization.CultureInfo.InvariantCulture)));
            if (!cache.TryGetValue(key, out double value))
            {
                if (history.Count >= budget)
                {
                    throw new BudgetSpentException();
                }

                var request = new Request(clamped);
                requests.Writer.TryWrite(request);
                value = request.Result.Task.GetAwaiter().GetResult();
                history.Add(new OptimisationEvaluation(history.Count + 1, clamped, value));
                cache[key] = value;
                if (method == OptimisationMethod.NelderMead && SimplexCollapsed(history, variables))
                {
                    throw new SimplexCollapsedException();
                }
            }

            return value + (OutOfBoundsPenalty * outside);
        }

        var thread = new Thread(() =>
        {
            try
            {
                if (method == OptimisationMethod.GoldenSection)
                {
                    var minimiser = new GoldenSectionMinimizer(tolerance * (variables[0].Max - variables[0].Min), budget * 4);
                    minimiser.FindMinimum(ObjectiveFunction.ScalarValue(x => Objective([x])), variables[0].Min, variables[0].Max);
                }
                else
                {
                    var simplex = new NelderMeadSimplex(tolerance, budget * 4);
                    simplex.FindMinimum(
                        ObjectiveFunction.Value(v => Objective(v.ToArray())),
                        Vector<double>.Build.DenseOfEnumerable(variables.Select(v => v.Initial)),
                        Vector<double>.Build.DenseOfEnumerable(variables.Select(v => v.Step)));
                }

                converged = true;
                reason = "converged";
            }
            catch (SimplexCollapsedException)
            {
                converged = true;
                reason = $"converged: the last {variables.Count + 1} evaluations lie within {CollapsedFraction:P0} of each variable's range";
            }
            catch (BudgetSpentException)
            {
                reason = $"evaluation budget of {budget} spent";
            }
            catch (Exception ex) when (ex is OperationCanceledException || ex.InnerException is OperationCanceledException)
            {
                reason = "cancelled";
            }
            catch (Exception ex)
            {
                reason = ex.Message;
            }
            finally
            {
                requests.Writer.TryComplete();
            }
        })
        { IsBackground = true, Name = "optimiser" };
        thread.Start();

        await foreach (Request request in requests.Reader.ReadAllAsync(CancellationToken.None).ConfigureAwait(false))
        {
            try
            {
                request.Result.SetResult(await evaluate(request.Point, cancellationToken).ConfigureAwait(false));
            }
            catch (Exception ex)
            {
                fatal ??= ex;
                request.Result.SetException(ex);
            }
        }

        cancellationToken.ThrowIfCancellationRequested();
        if (fatal is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(fatal);
        }

        if (history.Count == 0)
        {
            throw new InvalidOperationException($"the optimiser stopped before any evaluation: {reason}");
        }

        OptimisationEvaluation best = history.MinBy(h => h.Objective)!;
        return new OptimisationResult(best.Point, best.Objective, history.Count, converged, reason, history);
    }

    private sealed record Request(double[] Point)
    {
        public TaskCompletionSource<double> Result { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    private static bool SimplexCollapsed(List<OptimisationEvaluation> history, IReadOnlyList<OptimisationVariable> variables)
    {
        int vertices = variables.Count + 1;
        if (history.Count < vertices + 1)
        {
            return false;
        }

        IEnumerable<OptimisationEvaluation> recent = history.Skip(history.Count - vertices);
        return variables.Select((v, i) => (v, i)).All(x =>
        {
            double[] values = recent.Select(e => e.Point[x.i]).ToArray();
            return values.Max() - values.Min() <= CollapsedFraction * (x.v.Max - x.v.Min);
        });
    }

    private sealed class BudgetSpentException : Exception;

    private sealed class SimplexCollapsedException : Exception;
}
