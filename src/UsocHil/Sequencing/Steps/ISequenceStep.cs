namespace UsocHil.Sequencing.Steps;

/// <summary>One validated step of a sequence, ready to run against a rig.</summary>
public interface ISequenceStep
{
    /// <summary>The step's kind as written in the sequence file (power, command, set, wait, ...).</summary>
    string Kind { get; }

    /// <summary>A short human description for progress and records.</summary>
    string Label { get; }

    /// <summary>Rig time the step may take before the run times out; null for no bound of its own.</summary>
    TimeSpan? Timeout { get; }

    Task ExecuteAsync(StepContext context, CancellationToken cancellationToken);
}
