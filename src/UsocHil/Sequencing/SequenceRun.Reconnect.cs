using System.Globalization;
using Polly;
using Polly.Retry;
using Polly.Timeout;
using UsocHil.Links;
using UsocHil.Rigs;

namespace UsocHil.Sequencing;

/// <summary>
/// Policy onLinkLoss = reconnect: the interrupted step is cancelled, the payload channel is reopened with bounded
/// backoff (Polly) until the payload answers are-you-alive, and the interrupted phase runs again from its start (a step
/// is repeated, not resumed half-way: a wait or a sample taken across an outage would not mean what it says).
/// </summary>
public sealed partial class SequenceRun
{
    private RunState _interrupted;
    private int _outages;

    private bool ShouldReconnect =>
        _plan.Policy.ReconnectOnLinkLoss && _session is IReconnectableRigSession { CanReconnectPayload: true } && _outages < _options.Reconnect.MaxOutages;

    private void BeginReconnect(RunState interrupted)
    {
        _interrupted = interrupted;
        int outage = ++_outages;
        string what = interrupted == RunState.Executing ? $"step {_stepIndex + 1}" : interrupted.ToString();
        _log.Warning("Payload link lost in {Interrupted}: reconnecting (outage {Outage} of at most {MaxOutages})", what, outage, _options.Reconnect.MaxOutages);
        _observer.OnEvent(new RunEvent("run", "warning", $"payload link lost during {what}: reconnecting (policy onLinkLoss is reconnect, outage {outage})", _time.GetUtcNow()));
        StartPhase("reconnect", ct => ReconnectAsync((IReconnectableRigSession)_session!, what, ct), RunTrigger.Reconnected, RunTrigger.ReconnectFailed);
    }

    private async Task<string?> ReconnectAsync(IReconnectableRigSession session, string interrupted, CancellationToken cancellationToken)
    {
        ReconnectPolicy policy = _options.Reconnect;
        long started = _time.GetTimestamp();
        int attempts = 0;
        ResiliencePipeline pipeline = new ResiliencePipelineBuilder { TimeProvider = _time }
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = args => ValueTask.FromResult(args.Outcome.Exception is not null && !cancellationToken.IsCancellationRequested),
                MaxRetryAttempts = Math.Max(0, policy.MaxAttempts - 1),
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = PollyBound(TransportTime.OnClock(_time, policy.FirstDelay)),
                MaxDelay = PollyBound(TransportTime.OnClock(_time, policy.MaxDelay)),
                OnRetry = args =>
                {
                    _log.Warning("Reconnect attempt {Attempt} failed ({Error}); next in {Delay}", args.AttemptNumber + 1, args.Outcome.Exception?.Message, args.RetryDelay);
                    return ValueTask.CompletedTask;
                },
            })
            .AddTimeout(PollyBound(TransportTime.OnClock(_time, policy.AttemptTimeout)))
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
            throw new LinkException($"payload link of {_rig.Name}", $"not back after {attempts} reconnect attempts: {error}", ex);
        }

        string took = _time.GetElapsedTime(started).TotalSeconds.ToString("F0", CultureInfo.InvariantCulture);
        string reason = $"payload link back after {attempts} attempt{(attempts == 1 ? "" : "s")} ({took} s of rig time), payload alive: repeating {interrupted}";
        _observer.OnEvent(new RunEvent("run", "info", reason, _time.GetUtcNow()));
        return reason;
    }

    /// <summary>Polly refuses delays and timeouts over a day (and timeouts under 10 ms); a fast rig clock can ask for more.</summary>
    private static TimeSpan PollyBound(TimeSpan span) => TimeSpan.FromTicks(Math.Clamp(span.Ticks, TimeSpan.FromMilliseconds(10).Ticks, TimeSpan.FromHours(23).Ticks));
}
