using UsocHil.Sequencing.Steps;

namespace UsocHil.Testing.Fakes;

/// <summary>A step whose body is a lambda, to drive the engine through each path.</summary>
public sealed class DelegateStep(string label, Func<StepContext, CancellationToken, Task> body, TimeSpan? timeout = null) : ISequenceStep
{
    public string Kind => "test";
    public string Label { get; } = label;
    public TimeSpan? Timeout { get; } = timeout;

    public Task ExecuteAsync(StepContext context, CancellationToken cancellationToken) => body(context, cancellationToken);

    public static DelegateStep Ok(string label) => new(label, (_, _) => Task.CompletedTask);

    /// <summary>A step that runs until cancelled, after telling the test it started.</summary>
    public static DelegateStep Forever(string label, TaskCompletionSource started, TimeSpan? timeout = null) =>
        new(label, async (context, ct) =>
        {
            started.TrySetResult();
            await Task.Delay(System.Threading.Timeout.InfiniteTimeSpan, context.Time, ct);
        }, timeout);
}
