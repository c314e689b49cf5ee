using Serilog;
using UsocHil.Sequencing;

namespace UsocHil.Hosting;

/// <summary>
/// The run's prompts, put to every operator console at once: the first answer counts and the other consoles' questions
/// are withdrawn. A prompt's timeout runs on the wall clock (people answer in wall time, whatever the rig's clock does).
/// </summary>
internal sealed class OperatorDesk(IReadOnlyList<IOperatorConsole> consoles, TimeProvider wall, ILogger log) : IOperatorPrompt
{
    public async Task<OperatorAnswer?> AskAsync(OperatorQuestion question, CancellationToken cancellationToken)
    {
        using var asking = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using CancellationTokenSource? deadline = question.Timeout is { } timeout ? new CancellationTokenSource(timeout, wall) : null;
        using CancellationTokenRegistration expire = deadline?.Token.Register(asking.Cancel) ?? default;
        var pending = consoles.Select(c => c.AskAsync(question, asking.Token)).ToList();
        try
        {
            while (pending.Count > 0)
            {
                Task<OperatorAnswer> done = await Task.WhenAny(pending).ConfigureAwait(false);
                pending.Remove(done);
                if (done.IsCompletedSuccessfully)
                {
                    return done.Result;
                }

                if (done.IsFaulted)
                {
                    log.Warning(done.Exception!.GetBaseException(), "An operator console failed to ask {Question}", question.Message);
                }
                else if (deadline?.IsCancellationRequested == true)
                {
                    return null;
                }

                cancellationToken.ThrowIfCancellationRequested();
            }

            // Every console failed: nobody can answer, as if nobody had.
            return null;
        }
        finally
        {
            await asking.CancelAsync().ConfigureAwait(false);
            await Task.WhenAll(pending.Select(p => p.ContinueWith(_ => { }, TaskScheduler.Default))).ConfigureAwait(false);
        }
    }
}
