using System.Globalization;
using Serilog;
using UsocHil.Links;
using UsocHil.Rigs;
using UsocHil.Safing;
using UsocHil.Sequencing.Steps;

namespace UsocHil.Sequencing;

/// <summary>
/// Walks a plan for the run's state machine: connecting, each section, each step and safing run as phases on their
/// own tasks, and each phase's outcome comes back as a trigger tagged with its generation, so a late completion of a
/// phase the run has left never moves the machine. A failure becomes the trigger that names it: a step's time bound,
/// a lost link, a failed step. Holds the rig session once connected and whatever work is still running.
/// </summary>
internal sealed class PhaseRunner : IRunPhases
{
    private readonly SequencePlan _plan;
    private readonly RunSetup _setup;
    private readonly RunData _data;
    private readonly RunTriggers _triggers;
    private readonly Action<IRigSession> _connected;
    private readonly Func<Exception, Exception?> _lostLinkEvidence;
    private readonly CancellationTokenSource _run = new();
    private readonly List<Task> _work = [];
    private CancellationTokenSource? _phase;
    private int _stepIndex;

    /// <param name="connected">Called with the session once it is open, before the connect phase completes.</param>
    /// <param name="lostLinkEvidence">For a phase's failure, the unanswered exchange behind it when the link-recovery policy counts that as a lost link; else null.</param>
    public PhaseRunner(SequencePlan plan, RunSetup setup, RunData data, RunTriggers triggers, Action<IRigSession> connected, Func<Exception, Exception?> lostLinkEvidence)
    {
        _plan = plan;
        _setup = setup;
        _data = data;
        _triggers = triggers;
        _connected = connected;
        _lostLinkEvidence = lostLinkEvidence;
    }

    /// <summary>The open rig session; null until the connect phase opened it.</summary>
    public IRigSession? Session { get; private set; }

    /// <summary>The top-level step the run is at (0-based).</summary>
    public int StepIndex => Volatile.Read(ref _stepIndex);

    public SafingReport? SafingReport { get; private set; }

    public bool HasSteps => _plan.Steps.Count > 0;

    public bool MoreStepsRemain => _stepIndex + 1 < _plan.Steps.Count;

    public void Connect() => Start("connect", async ct =>
    {
        IRigSession session = await _setup.Connect(ct).ConfigureAwait(false);
        Session = session;
        _connected(session);
    });

    public void RunSection(RunState section)
    {
        (IReadOnlyList<ISequenceStep> steps, string name) = section switch
        {
            RunState.PoweringUp => (_plan.PowerUp, "power-up"),
            RunState.SelfTest => (_plan.SelfTest, "self-test"),
            RunState.Verifying => (_plan.Verify, "verify"),
            _ => throw new ArgumentOutOfRangeException(nameof(section), section, "not a section of a plan"),
        };
        Start(name, ct => steps.Count == 0 ? Task.CompletedTask : StepRunner.RunAllAsync(RootContext(name), steps, name, VariableScope.Empty, ct));
    }

    public void RunCurrentStep()
    {
        int index = _stepIndex;
        string path = (index + 1).ToString(CultureInfo.InvariantCulture);
        StepContext context = RootContext(path);
        context.Next = index + 1 < _plan.Steps.Count
            ? StepRunner.Describe((index + 2).ToString(CultureInfo.InvariantCulture), _plan.Steps[index + 1])
            : _plan.Verify.Count > 0 ? "the verification steps, then safing" : "safing: the rig is made safe and the run ends";
        Start($"step {path}", ct => StepRunner.RunOneAsync(context, _plan.Steps[index], index, _plan.Steps.Count, ct));
    }

    public void AdvanceStep() => Interlocked.Increment(ref _stepIndex);

    /// <summary>Starts a phase whose success posts <see cref="RunTrigger.StepCompleted"/>.</summary>
    public void Start(string name, Func<CancellationToken, Task> work) =>
        Start(name, async ct =>
        {
            await work(ct).ConfigureAwait(false);
            return null;
        }, RunTrigger.StepCompleted, null);

    public void Start(string name, Func<CancellationToken, Task<string?>> work, RunTrigger success, RunTrigger failure) =>
        Start(name, work, success, (RunTrigger?)failure);

    /// <summary>
    /// Runs <paramref name="work"/> beside the phase under way, on the run's token; its failure fails that phase with
    /// <paramref name="failure"/> and the error's message.
    /// </summary>
    public void RunAlongside(Func<CancellationToken, Task> work, string failure)
    {
        long generation = _triggers.Generation;
        CancellationToken token = _run.Token;
        Track(Task.Run(async () =>
        {
            try
            {
                await work(token).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                _triggers.Post(RunTrigger.StepFailed, generation, $"{failure}: {ex.Message}");
            }
        }));
    }

    public void Safe()
    {
        Cancel();
        Track(Task.Run(async () =>
        {
            try
            {
                SafingReport = await _setup.Safing.SafeAsync(Session, _setup.Rig, action =>
                    _setup.Observer.OnEvent(new RunEvent("safing", action.Succeeded ? "info" : "warning", action.Succeeded ? $"{action.Name}: done" : $"{action.Name}: {action.Error}", _setup.Time.GetUtcNow()))).ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                _setup.Log.Error(ex, "Safing itself failed");
            }
            finally
            {
                _triggers.Post(RunTrigger.SafingDone, null, null);
            }
        }));
    }

    /// <summary>Stops everything still running and waits for it: the run is over.</summary>
    public async Task StopAsync()
    {
        await _run.CancelAsync().ConfigureAwait(false);
        Task[] work;
        lock (_work)
        {
            work = _work.ToArray();
        }

        try
        {
            await Task.WhenAll(work).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            _setup.Log.Debug(ex, "Phase work ended with an error after the run finished");
        }
    }

    /// <summary>
    /// Starts a phase whose success posts <paramref name="success"/> (with the work's reason) and whose every failure,
    /// when <paramref name="failure"/> is given, posts that instead of the trigger its exception maps to.
    /// </summary>
    private void Start(string name, Func<CancellationToken, Task<string?>> work, RunTrigger success, RunTrigger? failure)
    {
        _phase?.Cancel();
        _phase?.Dispose();
        _phase = CancellationTokenSource.CreateLinkedTokenSource(_run.Token);
        long generation = _triggers.NextGeneration();
        CancellationToken token = _phase.Token;
        Track(Task.Run(async () =>
        {
            try
            {
                string? reason = await work(token).ConfigureAwait(false);
                _triggers.Post(success, generation, reason);
            }
            catch (OperationCanceledException) when (token.IsCancellationRequested)
            {
                // The phase was left (abort, alarm); whoever left it decides what happens next.
            }
            catch (Exception ex) when (failure is { } instead)
            {
                _triggers.Post(instead, generation, $"{name}: {ex.Message}");
            }
            catch (Exception ex) when (_lostLinkEvidence(ex) is { } silence)
            {
                // A cable pulled mid-command shows first as a command nobody answers, before the silence detector
                // speaks: under the reconnect policy that is a lost link to check, not a failed step.
                _triggers.Post(RunTrigger.LinkLost, generation, $"{name}: the payload did not answer ({silence.Message}): treating the link as lost");
            }
            catch (OperatorAbortException ex)
            {
                _triggers.Post(RunTrigger.OperatorAbort, generation, ex.Message);
            }
            catch (StepTimeoutException ex)
            {
                _triggers.Post(RunTrigger.Timeout, generation, ex.Message);
            }
            catch (LinkException ex)
            {
                _triggers.Post(RunTrigger.LinkLost, generation, $"{name}: {ex.Message}");
            }
            catch (Exception ex)
            {
                _setup.Log.Warning(ex, "Phase {Phase} failed", name);
                _triggers.Post(RunTrigger.StepFailed, generation, ex is StepFailedException ? ex.Message : $"{name}: {ex.Message}");
            }
        }));
    }

    /// <summary>Leaves the phase under way: its work is cancelled and its late triggers are stale.</summary>
    private void Cancel()
    {
        _triggers.NextGeneration();
        _phase?.Cancel();
    }

    private void Track(Task task)
    {
        lock (_work)
        {
            _work.Add(task);
        }
    }

    private StepContext RootContext(string path) =>
        new(Session!, _setup.Time, _setup.Log, _setup.Observer, _setup.Options, _data, path, VariableScope.Empty);
}
