using UsocHil.Links;

namespace UsocHil.Sequencing.Steps;

/// <summary>Runs steps one after the other, each reported, each under its own time bound.</summary>
internal static class StepRunner
{
    public static async Task RunAllAsync(StepContext parent, IReadOnlyList<ISequenceStep> steps, string prefix, VariableScope variables, CancellationToken cancellationToken)
    {
        for (int i = 0; i < steps.Count; i++)
        {
            string path = prefix.Length == 0 ? (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture) : $"{prefix}.{i + 1}";
            StepContext context = parent.Child(path, variables);
            context.Next = i + 1 < steps.Count ? Describe(prefix.Length == 0 ? (i + 2).ToString(System.Globalization.CultureInfo.InvariantCulture) : $"{prefix}.{i + 2}", steps[i + 1]) : parent.Next;
            await RunOneAsync(context, steps[i], i, steps.Count, cancellationToken).ConfigureAwait(false);
        }
    }

    public static async Task RunOneAsync(StepContext context, ISequenceStep step, int index, int count, CancellationToken cancellationToken)
    {
        var progress = new StepProgress(context.Path, index, count, step.Kind, step.Label, context.Now);
        context.Observer.OnStepStarted(progress);
        StepLog.LogStarted(context.Log, context.Path, step.Kind, step.Label);
        TimeSpan? limit = step.Timeout is { } t ? (t > context.Options.StepTimeoutFloor ? t : context.Options.StepTimeoutFloor) : null;
        // A step without a time bound runs on the phase's token as it is: no timer, no linked source per step.
        using CancellationTokenSource? bound = limit is { } timeout ? new CancellationTokenSource(timeout, context.Time) : null;
        using CancellationTokenSource? linked = bound is null ? null : CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, bound.Token);
        try
        {
            await step.ExecuteAsync(context, linked?.Token ?? cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException ex) when (bound is { IsCancellationRequested: true } && !cancellationToken.IsCancellationRequested)
        {
            var timedOut = new StepTimeoutException(context.Path, $"{step.Kind} did not finish within {limit} of rig time", ex);
            Finish(context, progress, StepStatus.Failed, timedOut.Message);
            throw timedOut;
        }
        catch (OperationCanceledException)
        {
            Finish(context, progress, StepStatus.Cancelled, "cancelled");
            throw;
        }
        catch (Exception ex) when (ex is StepFailedException or LinkException)
        {
            Finish(context, progress, StepStatus.Failed, ex.Message);
            throw;
        }
        catch (Exception ex)
        {
            Finish(context, progress, StepStatus.Failed, ex.Message);
            throw new StepFailedException(context.Path, $"{step.Kind}: {ex.Message}", ex);
        }

        Finish(context, progress, StepStatus.Passed, null);
    }

    /// <summary>A step as the operator is told about it: "step 2 set: 15 K/min ramp".</summary>
    public static string Describe(string path, ISequenceStep step) => $"step {path} {step.Kind}: {step.Label}";

    private static void Finish(StepContext context, StepProgress progress, StepStatus status, string? detail)
    {
        StepLog.LogEnded(context.Log, context.Path, progress.Kind, status, detail);
        context.Observer.OnStepFinished(progress with { RigTime = context.Now }, status, detail);
    }
}
