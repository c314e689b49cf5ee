using UsocHil.Expectations;

namespace UsocHil.Sequencing.Steps.Checks;

/// <summary>
/// One expectation a verify step evaluates; it measures and returns its judged results (parameters, bounds, margin,
/// evidence, verdict, unit), it does not throw for a fail. A check kind of an extension implements it and registers its
/// reader with <see cref="CheckKinds.Add"/>.
/// </summary>
public interface IVerifyCheck
{
    string Label { get; }

    Task<IReadOnlyList<JudgedResult>> EvaluateAsync(StepContext context, CancellationToken cancellationToken);
}
