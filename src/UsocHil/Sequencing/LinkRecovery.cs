using System.Globalization;
using Polly;
using Polly.Retry;
using Polly.Timeout;
using UsocHil.Links;
using UsocHil.Rigs;
using UsocHil.Sequencing.Steps;

namespace UsocHil.Sequencing;

/// <summary>
/// What a run does when the payload link drops or the payload reboots under it (the plan's <see cref="SequencePolicy"/>).
/// onLinkLoss = reconnect: the interrupted step is cancelled, the payload channel is reopened with bounded backoff
/// (Polly) until the payload answers its heartbeat, and the interrupted phase runs again from its start (a step is
/// repeated, not resumed half-way: a wait or a sample taken across an outage would not mean what it says). Otherwise,
/// or when the binding cannot be reopened or the run has had its outages, the run safes. onReboot = reapply: the
/// volatile parameters the run had set are set again and the run carries on; fail: the run safes.
/// </summary>
internal sealed class LinkRecovery : IRunRecovery
{
    private readonly SequencePolicy _policy;
    private readonly RunSetup _setup;
    private readonly RunData _data;
    private readonly PhaseRunner _phases;
    private RunState _interrupted;
    private int _outages;

    public LinkRecovery(SequencePolicy policy, RunSetup setup, RunData data, PhaseRunner phases)
    {
        _policy = policy;
        _setup = setup;
        _data = data;
        _phases = phases;
    }

    public bool ShouldReconnect =>
        _policy.ReconnectOnLinkLoss && _phases.Session is IReconnectableRigSession { CanReconnectPayload: true } && _outages < _setup.Options.Reconnect.MaxOutages;

    public bool ReapplyOnReboot => _policy.ReapplyOnReboot;

    public RunState Interrupted => _interrupted;

    /// <summary>
    /// For a phase's failure under <paramref name="policy"/>, the unanswered payload exchange behind it when that counts
    /// as a lost link (policy reconnect: a cable pulled mid-command shows first as a command nobody answers); else null.
    /// </summary>
    public static Exception? LostLinkEvidence(SequencePolicy policy, Exception error)
    {
        if (!policy.ReconnectOnLinkLoss)
        {
            return null;
        }

        for (Exception? e = error; e is not null; e = e.InnerException)
        {
            // A telecommand without verification, a parameter report that never came; link timeouts are LinkExceptions
            // already, and a step's own time bound is not the payload's silence.
            if (e is Protocols.Pus.CommandTimeoutException || e.GetType() == typeof(TimeoutException))
            {
                return e;
            }
        }

        return null;
    }

    public void Reconnect(RunState interrupted)
    {
        _interrupted = interrupted;
        int outage = ++_outages;
        int maxOutages = _setup.Options.Reconnect.MaxOutages;
        string what = interrupted == RunState.Executing ? $"step {_phases.StepIndex + 1}" : interrupted.ToString();
        _setup.Log.Warning("Payload link lost in {Interrupted}: reconnecting (outage {Outage} of at most {MaxOutages})", what, outage, maxOutages);
        _setup.Observer.OnEvent(new RunEvent("run", "warning", $"payload link lost during {what}: reconnecting (policy onLinkLoss is reconnect, outage {outage})", _setup.Time.GetUtcNow()));
        var session = (IReconnectableRigSession)_phases.Session!;
        _phases.Start("reconnect", ct => ReconnectAsync(session, what, ct), RunTrigger.Reconnected, RunTrigger.ReconnectFailed);
    }

    public void Reapply()
    {
        IReadOnlyDictionary<string, double> applied = _data.AppliedParameters;
        _setup.Log.Warning("Device rebooted: re-applying {Count} volatile parameters", applied.Count);
        _setup.Observer.OnEvent(new RunEvent("run", "warning", $"device rebooted: re-applying {applied.Count} volatile parameters", _setup.Time.GetUtcNow()));
        if (_phases.Session is not { } session || applied.Count == 0)
        {
            return;
        }

        _phases.RunAlongside(ct => session.SetParametersAsync(applied, ct), "re-applying parameters after reboot failed");
    }

    private async Task<string?> ReconnectAsync(IReconnectableRigSession session, string interrupted, CancellationToken cancellationToken)
    {
        ReconnectPolicy bound = _setup.Options.Reconnect;
        TimeProvider time = _setup.Time;
        long started = time.GetTimestamp();
        int attempts = 0;
        ResiliencePipeline pipeline = new ResiliencePipelineBuilder { TimeProvider = time }
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = args => ValueTask.FromResult(args.Outcome.Exception is not null && !cancellationToken.IsCancellationRequested),
                MaxRetryAttempts = Math.Max(0, bound.MaxAttempts - 1),
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = PollyBound(TransportTime.OnClock(time, bound.FirstDelay)),
                MaxDelay = PollyBound(TransportTime.OnClock(time, bound.MaxDelay)),
                OnRetry = args =>
                {
                    _setup.Log.Warning("Reconnect attempt {Attempt} failed ({Error}); next in {Delay}", args.AttemptNumber + 1, args.Outcome.Exception?.Message, args.RetryDelay);
                    return ValueTask.CompletedTask;
                },
            })
            .AddTimeout(PollyBound(TransportTime.OnClock(time, bound.AttemptTimeout)))
            .Build();
        try
        {
            await pipeline.ExecuteAsync(async ct =>
            {
                attempts++;
                await session.ReconnectPayloadAsync(ct).ConfigureAwait(false);
            }, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            string error = ex is TimeoutRejectedException ? "the attempt timed out" : ex.Message;
            throw new LinkException($"payload link of {_setup.Rig.Name}", $"not back after {attempts} reconnect attempts: {error}", ex);
        }

        string took = time.GetElapsedTime(started).TotalSeconds.ToString("F0", CultureInfo.InvariantCulture);
        string reason = $"payload link back after {attempts} attempt{(attempts == 1 ? "" : "s")} ({took} s of rig time), payload alive: repeating {interrupted}";
        _setup.Observer.OnEvent(new RunEvent("run", "info", reason, time.GetUtcNow()));
        return reason;
    }

    /// <summary>Polly refuses delays and timeouts over a day (and timeouts under 10 ms); a fast rig clock can ask for more.</summary>
    private static TimeSpan PollyBound(TimeSpan span) => TimeSpan.FromTicks(Math.Clamp(span.Ticks, TimeSpan.FromMilliseconds(10).Ticks, TimeSpan.FromHours(23).Ticks));
}
