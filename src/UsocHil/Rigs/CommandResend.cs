using Polly;
using Polly.Retry;
using Serilog;
using UsocHil.Dictionary;
using UsocHil.Protocols.Pus;
using UsocHil.Description;

namespace UsocHil.Rigs;

/// <summary>
/// Sends an idempotent telecommand again when no verification report came back in time. A lost report cannot tell a
/// command the payload never received from one it executed, so only commands the dictionary marks
/// <c>"idempotent": true</c> (executing twice does what executing once does) are resent, each time as a new packet
/// with its own sequence count. A failure report is never resent: the payload has said no.
/// </summary>
internal sealed class CommandResend
{
    /// <summary>Sends in all, the first included.</summary>
    public const int Attempts = 3;

    private readonly DictionaryCodec _codec;
    private readonly ResiliencePipeline _resend;
    private readonly ILogger _log;

    public CommandResend(DictionaryCodec codec, TimeProvider time, ILogger log)
    {
        _codec = codec;
        _log = log;
        _resend = new ResiliencePipelineBuilder { TimeProvider = time }
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<CommandTimeoutException>(),
                MaxRetryAttempts = Attempts - 1,
                Delay = TimeSpan.Zero,
                OnRetry = args =>
                {
                    _log.Warning("Sending {Command} again ({Attempt} of {Attempts}): {Reason}",
                        args.Context.OperationKey, args.AttemptNumber + 2, Attempts, args.Outcome.Exception?.Message);
                    return ValueTask.CompletedTask;
                },
            })
            .Build();
    }

    public async Task<T> SendAsync<T>(string command, Func<CancellationToken, Task<T>> send, CancellationToken cancellationToken)
    {
        if (!_codec.TryGetCommand(command, out CommandDefinition definition) || !definition.Idempotent)
        {
            return await send(cancellationToken).ConfigureAwait(false);
        }

        ResilienceContext context = ResilienceContextPool.Shared.Get(command, cancellationToken);
        try
        {
            return await _resend.ExecuteAsync(async c => await send(c.CancellationToken).ConfigureAwait(false), context).ConfigureAwait(false);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }
}
