using System.Collections.Concurrent;
using UsocHil.Sequencing;

namespace UsocHil.Tests.Sequencing;

/// <summary>
/// The state machine's two collaborators, scripted: guards answer what the test sets, and every action the machine
/// starts is recorded in order (nothing runs; the test fires the outcome itself).
/// </summary>
internal sealed class ScriptedPhases : IRunPhases, IRunRecovery
{
    private readonly ConcurrentQueue<string> _started = new();

    public IReadOnlyList<string> Started => _started.ToArray();

    public bool HasSteps { get; set; } = true;

    public bool MoreStepsRemain { get; set; }

    public bool ShouldReconnect { get; set; }

    public bool ReapplyOnReboot { get; set; }

    public RunState Interrupted { get; set; }

    public void Connect() => _started.Enqueue("connect");

    public void RunSection(RunState section) => _started.Enqueue($"section {section}");

    public void RunCurrentStep() => _started.Enqueue("step");

    public void AdvanceStep() => _started.Enqueue("advance");

    public void Start(string name, Func<CancellationToken, Task<string?>> work, RunTrigger success, RunTrigger failure) =>
        _started.Enqueue($"phase {name}");

    public void Safe() => _started.Enqueue("safe");

    public void Reconnect(RunState interrupted)
    {
        Interrupted = interrupted;
        _started.Enqueue($"reconnect from {interrupted}");
    }

    public void Reapply() => _started.Enqueue("reapply");
}
