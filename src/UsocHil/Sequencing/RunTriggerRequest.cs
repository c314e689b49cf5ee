namespace UsocHil.Sequencing;

/// <summary>A trigger waiting to be fired, with the phase it came from (null: from outside any phase) and why.</summary>
internal sealed record RunTriggerRequest(RunTrigger Trigger, long? Generation, string? Reason);
