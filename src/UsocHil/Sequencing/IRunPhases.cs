namespace UsocHil.Sequencing;

/// <summary>What the run's states start and what its step guards ask: the phase runner's side of the state machine.</summary>
internal interface IRunPhases
{
    /// <summary>The sequence has steps to execute (else self-test goes straight to verification).</summary>
    bool HasSteps { get; }

    /// <summary>Steps remain after the one executing now.</summary>
    bool MoreStepsRemain { get; }

    /// <summary>Opens the rig session.</summary>
    void Connect();

    /// <summary>Runs the section of the plan that <paramref name="section"/> stands for (power-up, self-test, verify).</summary>
    void RunSection(RunState section);

    /// <summary>Runs the step the run is at.</summary>
    void RunCurrentStep();

    /// <summary>Moves on to the next step once the current one completed.</summary>
    void AdvanceStep();

    /// <summary>Starts a phase whose success posts <paramref name="success"/> and whose every failure posts <paramref name="failure"/>.</summary>
    void Start(string name, Func<CancellationToken, Task<string?>> work, RunTrigger success, RunTrigger failure);

    /// <summary>Leaves the phase under way and makes the rig safe; posts <see cref="RunTrigger.SafingDone"/> whatever happens.</summary>
    void Safe();
}
