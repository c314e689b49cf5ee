using System.Threading.Channels;
using Serilog;
using Stateless;
using UsocHil.Links;
using UsocHil.Rigs;
using UsocHil.Safing;
using UsocHil.Sequencing.Steps;
using UsocHil.Description;

namespace UsocHil.Sequencing;

/// <summary>
/// One run of a sequence on one rig, walked through a Stateless state machine. The machine is fed by a single loop
/// reading a trigger queue, so step completions, alarms from the rig session and the operator's abort are fired one
/// at a time. Entry actions only start work; the work posts its outcome back as a trigger tagged with its phase, so a
/// late completion of a cancelled step can never move the machine. Every path out of PoweringUp passes through Safing.
/// </summary>
public sealed partial class SequenceRun
{
    private readonly SequencePlan _plan;
    private readonly Func<CancellationToken, Task<IRigSession>> _connect;
    private readonly RunOptions _options;
    private readonly IRunObserver _observer;
    private readonly TimeProvider _time;
    private readonly RigSafing _safing;
    private readonly RigDefinition _rig;
    private readonly ILogger _log;
    private readonly StateMachine<RunState, RunTrigger> _machine;
    private readonly Channel<TriggerRequest> _triggers = Channel.CreateUnbounded<TriggerRequest>(new UnboundedChannelOptions { SingleReader = true });
    private readonly RunData _data = new();
    private readonly CancellationTokenSource _runCancellation = new();
    private readonly List<Task> _work = [];
    private volatile RunState _state = RunState.Idle;
    private IRigSession? _session;
    private CancellationTokenSource? _phase;
    private long _generation;
    private int _stepIndex;
    private TriggerRequest? _firing;
    private TriggerRequest? _cause;
    private SafingReport? _safingReport;

    public SequenceRun(
        SequencePlan plan,
        RigDefinition rig,
        Func<CancellationToken, Task<IRigSession>> connect,
        RunOptions options,
        IRunObserver observer,
        TimeProvider time,
        RigSafing safing,
        ILogger log)
    {
        _plan = plan;
        _rig = rig;
        _connect = connect;
        _options = options;
        _observer = observer;
        _time = time;
        _safing = safing;
        _log = log.ForContext("Sequence", plan.Name);
        _machine = CreateMachine();
    }

    public RunState State => _state;

    /// <summary>The top-level step running now (0-based), meaningful in Executing.</summary>
    public int StepIndex => _stepIndex;

    public SequencePlan Plan => _plan;

    /// <summary>
    /// Asks the run to abort. Returns false, and changes nothing, while safing is already under way or the run is over:
    /// safing is never interrupted.
    /// </summary>
    public bool RequestAbort(string reason)
    {
        RunState state = _state;
        if (IsTerminal(state))
        {
            _observer.OnEvent(new RunEvent("operator", "warning", "abort refused: the run is over", _time.GetUtcNow()));
            return false;
        }

        if (state == RunState.Safing || Interlocked.Exchange(ref _abortRequested, 1) == 1)
        {
            RefuseAbort();
            return false;
        }

        Post(RunTrigger.OperatorAbort, null, reason);
        return true;
    }

    /// <summary>Runs the sequence to its end and returns how it ended. Cancelling the token is an operator abort.</summary>
    public async Task<RunResult> RunAsync(CancellationToken cancellationToken)
    {
        long started = _time.GetTimestamp();
        _observer.OnRunStarted(new RunStart(_rig.Name, _plan.Name, _plan.Version, _plan.Hash, _plan.Steps.Count, _time.GetUtcNow()));
        _log.Information("Run of {Sequence} {Version} on {Rig} starting with {StepCount} steps", _plan.Name, _plan.Version, _rig.Name, _plan.Steps.Count);
        await using CancellationTokenRegistration abortOnCancel = cancellationToken.Register(() => RequestAbort("cancellation requested"));
        Post(RunTrigger.Start, null, null);
        try
        {
            await foreach (TriggerRequest request in _triggers.Reader.ReadAllAsync(CancellationToken.None).ConfigureAwait(false))
            {
                if (request.Generation is { } generation && generation != Interlocked.Read(ref _generation))
                {
                    _log.Debug("Dropped {Trigger} from finished phase {Generation}", request.Trigger, generation);
                    continue;
                }

                _firing = request;
                await _machine.FireAsync(request.Trigger).ConfigureAwait(false);
                if (IsTerminal(_state))
                {
                    break;
                }
            }
        }
        finally
        {
            await _runCancellation.CancelAsync().ConfigureAwait(false);
            await DrainWorkAsync().ConfigureAwait(false);
            Detach();
            if (_session is not null)
            {
                await _session.DisposeAsync().ConfigureAwait(false);
            }
        }

        RunResult result = BuildResult(_time.GetElapsedTime(started));
        _log.Information("Run of {Sequence} ended {FinalState} with outcome {Outcome}{Reason}", _plan.Name, result.FinalState, result.Outcome, result.Reason is null ? "" : ": " + result.Reason);
        _observer.OnRunFinished(result);
        return result;
    }

    private static bool IsTerminal(RunState state) => state is RunState.Completed or RunState.Failed or RunState.Aborted;

    private void Post(RunTrigger trigger, long? generation, string? reason) =>
        _triggers.Writer.TryWrite(new TriggerRequest(trigger, generation, reason));

    private RunResult BuildResult(TimeSpan rigDuration)
    {
        IReadOnlyList<Measurement> measurements = _data.Measurements;
        RunOutcome outcome = _state switch
        {
            RunState.Aborted => RunOutcome.Aborted,
            RunState.Failed when _cause?.Trigger is RunTrigger.LinkLost or RunTrigger.ReconnectFailed => RunOutcome.LinkLost,
            RunState.Failed => RunOutcome.Failed,
            _ when measurements.Any(m => m.Verdict == MeasurementVerdict.Fail) => RunOutcome.VerdictFailed,
            _ => RunOutcome.Passed,
        };
        return new RunResult
        {
            Sequence = _plan.Name,
            FinalState = _state,
            Outcome = outcome,
            Cause = _cause?.Trigger,
            Reason = _cause?.Reason,
            Measurements = measurements,
            Safing = _safingReport,
            RigDuration = rigDuration,
        };
    }

    private async Task DrainWorkAsync()
    {
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
            _log.Debug(ex, "Phase work ended with an error after the run finished");
        }
    }

    private void Attach(IRigSession session)
    {
        _session = session;
        session.Alarm += OnAlarm;
        session.Telemetry.Updated += OnTelemetry;
        (session as RigSession)?.CheckLinkAlive();
    }

    private void Detach()
    {
        if (_session is not null)
        {
            _session.Alarm -= OnAlarm;
            _session.Telemetry.Updated -= OnTelemetry;
        }
    }

    private void OnTelemetry(IReadOnlyList<TelemetrySample> samples)
    {
        foreach (TelemetrySample sample in samples)
        {
            _observer.OnTelemetry(sample);
        }
    }

    private void OnAlarm(RigAlarm alarm)
    {
        _observer.OnEvent(new RunEvent(alarm.Source, alarm.Kind == RigAlarmKind.Warning ? "warning" : "alarm", alarm.Message, alarm.RigTime));
        RunTrigger? trigger = alarm.Kind switch
        {
            RigAlarmKind.LinkLost => RunTrigger.LinkLost,
            RigAlarmKind.HardLimitViolated => RunTrigger.HardLimitViolated,
            RigAlarmKind.DeviceRebooted => RunTrigger.DeviceRebooted,
            _ => null,
        };
        if (trigger is { } t)
        {
            Post(t, null, $"{alarm.Source}: {alarm.Message}");
        }
    }

    /// <summary>Starts a phase's work; its outcome comes back as a trigger tagged with this phase's generation.</summary>
    private void StartPhase(string name, Func<CancellationToken, Task> work) =>
        StartPhase(name, async ct =>
        {
            await work(ct).ConfigureAwait(false);
            return null;
        }, RunTrigger.StepCompleted, null);

    /// <summary>
    /// Starts a phase whose success posts <paramref name="success"/> (with the work's reason) and whose every failure,
    /// when <paramref name="failure"/> is given, posts that instead of the trigger its exception maps to.
    /// </summary>
    private void StartPhase(string name, Func<CancellationToken, Task<string?>> work, RunTrigger success, RunTrigger? failure)
    {
        _phase?.Cancel();
        _phase?.Dispose();
        _phase = CancellationTokenSource.CreateLinkedTokenSource(_runCancellation.Token);
        long generation = Interlocked.Increment(ref _generation);
        CancellationToken token = _phase.Token;
        Task task = Task.Run(async () =>
        {
            try
            {
                string? reason = await work(token).ConfigureAwait(false);
                Post(success, generation, reason);
            }
            catch (OperationCanceledException) when (token.IsCancellationRequested)
            {
                // The phase was left (abort, alarm); whoever left it decides what happens next.
            }
            catch (Exception ex) when (failure is { } instead)
            {
                Post(instead, generation, $"{name}: {ex.Message}");
            }
            catch (Exception ex) when (_plan.Policy.ReconnectOnLinkLoss && NoAnswer(ex) is { } silence)
            {
                // A cable pulled mid-command shows first as a command nobody answers, before the silence detector
                // speaks: under the reconnect policy that is a lost link to check, not a failed step.
                Post(RunTrigger.LinkLost, generation, $"{name}: the payload did not answer ({silence.Message}): treating the link as lost");
            }
            catch (StepTimeoutException ex)
            {
                Post(RunTrigger.Timeout, generation, ex.Message);
            }
            catch (LinkException ex)
            {
                Post(RunTrigger.LinkLost, generation, $"{name}: {ex.Message}");
            }
            catch (Exception ex)
            {
                _log.Warning(ex, "Phase {Phase} failed", name);
                Post(RunTrigger.StepFailed, generation, ex is StepFailedException ? ex.Message : $"{name}: {ex.Message}");
            }
        });
        lock (_work)
        {
            _work.Add(task);
        }
    }

    /// <summary>The unanswered payload exchange behind a failure, if that is what it was (not a step's own time bound).</summary>
    private static Exception? NoAnswer(Exception error)
    {
        for (Exception? e = error; e is not null; e = e.InnerException)
        {
            // A telecommand without verification, a parameter report that never came; link timeouts are LinkExceptions already.
            if (e is Protocols.Pus.CommandTimeoutException || e.GetType() == typeof(TimeoutException))
            {
                return e;
            }
        }

        return null;
    }

    private void CancelPhase()
    {
        Interlocked.Increment(ref _generation);
        _phase?.Cancel();
    }

    private StepContext RootContext(string path) =>
        new(_session!, _time, _log, _observer, _options, _data, path, VariableScope.Empty);

    private sealed record TriggerRequest(RunTrigger Trigger, long? Generation, string? Reason);
}
