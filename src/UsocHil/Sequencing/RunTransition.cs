namespace UsocHil.Sequencing;

/// <summary>One change of state, as logged and recorded.</summary>
public sealed record RunTransition(RunState Source, RunState Destination, RunTrigger Trigger, DateTimeOffset RigTime, string? Reason);
