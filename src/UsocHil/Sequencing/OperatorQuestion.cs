namespace UsocHil.Sequencing;

/// <summary>What a prompt step asks: where the run is, the question, what happens next on confirm, and how long the operator has.</summary>
/// <param name="Step">The step's place in the run ("1", "3.2").</param>
/// <param name="Next">What the run does next when the operator confirms ("step 2 set: ..."); null when the sequence says nothing more.</param>
/// <param name="Timeout">Wall time after which an unanswered prompt makes the rig safe; null waits as long as it takes.</param>
public sealed record OperatorQuestion(string Step, string Message, string? Next, TimeSpan? Timeout);
