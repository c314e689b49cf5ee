using UsocHil.Hosting;
using UsocHil.Sequencing;

namespace UsocHil.Monitor;

/// <summary>
/// The monitor page as an operator console: the pending prompt is offered at GET /api/prompt and answered, like
/// hold and resume, by POST requests that carry the abort token (<see cref="AbortGate"/> checks them first). The
/// record names the operator of the run and the address the answer came from.
/// </summary>
public sealed class MonitorConsole(TimeProvider wall) : IOperatorConsole
{
    private readonly Lock _gate = new();
    private (OperatorQuestion Question, TaskCompletionSource<OperatorAnswer> Answer)? _pending;
    private OperatorControls? _controls;

    public async Task AttendAsync(OperatorControls run, CancellationToken cancellationToken)
    {
        Volatile.Write(ref _controls, run);
        try
        {
            await Task.Delay(Timeout.InfiniteTimeSpan, wall, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            Volatile.Write(ref _controls, null);
        }
    }

    public async Task<OperatorAnswer> AskAsync(OperatorQuestion question, CancellationToken cancellationToken)
    {
        var answer = new TaskCompletionSource<OperatorAnswer>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate)
        {
            _pending = (question, answer);
        }

        await using CancellationTokenRegistration withdrawn = cancellationToken.Register(() => answer.TrySetCanceled(cancellationToken));
        try
        {
            return await answer.Task.ConfigureAwait(false);
        }
        finally
        {
            lock (_gate)
            {
                if (_pending?.Answer == answer)
                {
                    _pending = null;
                }
            }
        }
    }

    /// <summary>The prompt waiting for an answer, as the page shows it; null when none is.</summary>
    internal PromptDto? Pending
    {
        get
        {
            lock (_gate)
            {
                return _pending is { Question: var q } ? new PromptDto(q.Step, q.Message, q.Next, q.Timeout?.TotalSeconds) : null;
            }
        }
    }

    /// <summary>Answers the pending prompt (only the one at <paramref name="step"/> when given); false when none waits.</summary>
    internal bool Answer(OperatorDecision decision, string? step, string remote)
    {
        TaskCompletionSource<OperatorAnswer>? answer;
        lock (_gate)
        {
            answer = _pending is { } p && (step is null || p.Question.Step == step) ? p.Answer : null;
        }

        string who = Volatile.Read(ref _controls)?.Operator ?? Environment.UserName;
        return answer?.TrySetResult(new OperatorAnswer(decision, who, Where(remote), wall.GetUtcNow())) ?? false;
    }

    internal bool Hold(string remote) => Volatile.Read(ref _controls)?.Hold(Where(remote)) ?? false;

    internal bool Resume(string remote) => Volatile.Read(ref _controls)?.Resume(Where(remote)) ?? false;

    private static string Where(string remote) => $"monitor page ({remote})";
}

/// <summary>A prompt as the page shows it.</summary>
internal sealed record PromptDto(string Step, string Message, string? Next, double? TimeoutSeconds);
