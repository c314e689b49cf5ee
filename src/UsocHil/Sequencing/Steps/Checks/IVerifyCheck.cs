namespace UsocHil.Sequencing.Steps.Checks;

/// <summary>One expectation a verify step evaluates; it measures and returns its verdicts, it does not throw for a fail.</summary>
internal interface IVerifyCheck
{
    string Label { get; }

    Task<IReadOnlyList<Measurement>> EvaluateAsync(StepContext context, CancellationToken cancellationToken);
}
