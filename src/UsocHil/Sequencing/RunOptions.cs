namespace UsocHil.Sequencing;

/// <summary>How the operator asked for the run to behave.</summary>
public sealed record RunOptions
{
    /// <summary>Answer every prompt with yes (unattended runs).</summary>
    public bool AssumeYes { get; init; }

    /// <summary>
    /// The least rig time any step bound may be. Under an accelerated clock a wall-clock stall of the harness (a
    /// garbage collection, a busy machine) is many seconds of rig time; the composition root sets this to a few wall
    /// seconds' worth so I/O steps are not failed by the harness' own hiccups.
    /// </summary>
    public TimeSpan StepTimeoutFloor { get; init; } = TimeSpan.Zero;

    /// <summary>
    /// <see cref="StepTimeoutFloor"/> for a clock running <paramref name="timeScale"/> times faster than the wall: 15 wall
    /// seconds, room for the slowest exchange (a set and its read-back, each command sent up to three times with 2 s of
    /// wall time each, see <see cref="Rigs.CommandResend"/>).
    /// </summary>
    public static TimeSpan StepTimeoutFloorFor(double timeScale) => TimeSpan.FromSeconds(15 * Math.Max(1, timeScale));

    /// <summary>
    /// Lets raw steps send packets outside the dictionary (<c>usoc-hil run --raw</c>). The sequence must also have been
    /// loaded with raw packets allowed; each raw packet is logged as a warning and recorded as an event.
    /// </summary>
    public bool AllowRawPackets { get; init; }

    /// <summary>How hard a run with policy onLinkLoss = reconnect tries before it gives up and safes the rig.</summary>
    public ReconnectPolicy Reconnect { get; init; } = new();

    /// <summary>Asks the operator; null means nobody is there (prompts fail unless <see cref="AssumeYes"/>).</summary>
    public IOperatorPrompt? Prompt { get; init; }
}
