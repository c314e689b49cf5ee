using Polly;
using Polly.Retry;
using Serilog;

namespace UsocHil.Links;

/// <summary>
/// A link that connects again, with exponential backoff (Polly.Core), when the one beneath is closed or reset: for
/// bindings where reconnecting is meaningful (a TCP client to a payload or instrument that restarts). Bytes in flight
/// when the connection broke are lost; the framing layer resynchronises and the caller's timeout covers the exchange.
/// <see cref="LinkStatistics.Reconnects"/> counts each new connection after the first. A peer that accepts and at once
/// closes (a device whose cable is out behind a terminal server, an emulator with its link pulled) is not a connection:
/// each such one backs off like a failed attempt, and after <see cref="ReconnectOptions.MaxAttempts"/> in a row the link
/// reports itself closed instead of spinning.
/// </summary>
public sealed class ReconnectingLink : ILink
{
    private readonly Func<CancellationToken, ValueTask<ILink>> _connect;
    private readonly ResiliencePipeline _pipeline;
    private readonly ILogger _log;
    private readonly ReconnectOptions _options;
    private readonly TimeProvider _time;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private ILink? _current;
    private bool _everConnected;
    private long _bytesOnCurrent;
    private int _emptyConnections;
    private int _disposed;

    public ReconnectingLink(LinkInfo info, Func<CancellationToken, ValueTask<ILink>> connect, ReconnectOptions options, TimeProvider timeProvider, ILogger log)
    {
        Info = info;
        _connect = connect;
        _log = log;
        _options = options;
        _time = timeProvider;
        _pipeline = new ResiliencePipelineBuilder { TimeProvider = timeProvider }
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<LinkException>(),
                MaxRetryAttempts = Math.Max(0, options.MaxAttempts - 1),
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = TransportTime.OnClock(timeProvider, options.FirstDelay),
                MaxDelay = TransportTime.OnClock(timeProvider, options.MaxDelay),
                OnRetry = args =>
                {
                    _log.Warning("Link {Link}: connection attempt {Attempt} failed ({Error}); retrying in {Delay}", Info.Name, args.AttemptNumber + 1, args.Outcome.Exception?.Message, args.RetryDelay);
                    return ValueTask.CompletedTask;
                },
            })
            .Build();
    }

    public LinkInfo Info { get; }

    public LinkStatistics Statistics { get; } = new();

    /// <summary>Connects now, so that a wrong address fails at open rather than at the first exchange.</summary>
    public async ValueTask ConnectAsync(CancellationToken cancellationToken) => await CurrentAsync(cancellationToken).ConfigureAwait(false);

    public async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken)
    {
        while (true)
        {
            ILink link = await CurrentAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                int count = await link.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
                if (count > 0 || buffer.IsEmpty)
                {
                    Interlocked.Add(ref _bytesOnCurrent, count);
                    Statistics.AddBytesIn(count);
                    return count;
                }

                Lost(link, "the peer closed the connection");
            }
            catch (LinkClosedException e)
            {
                Lost(link, e.Message);
            }
            catch (ObjectDisposedException) when (Retired(link))
            {
                // The writer saw the break first and closed this connection under us: read from the next one.
            }
        }
    }

    public async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken)
    {
        ILink link = await CurrentAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await link.WriteAsync(buffer, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is LinkClosedException || (e is ObjectDisposedException && Retired(link)))
        {
            // Closed by the peer, or by the reader that saw the break first: write once more on a new connection.
            Lost(link, e.Message);
            link = await CurrentAsync(cancellationToken).ConfigureAwait(false);
            await link.WriteAsync(buffer, cancellationToken).ConfigureAwait(false);
        }

        Statistics.AddBytesOut(buffer.Length);
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        ILink? current = Interlocked.Exchange(ref _current, null);
        if (current is not null)
        {
            await current.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>True when <paramref name="link"/> is no longer the current connection (it was lost and closed), while this link is open.</summary>
    private bool Retired(ILink link) => Volatile.Read(ref _disposed) == 0 && !ReferenceEquals(Volatile.Read(ref _current), link);

    private void Lost(ILink link, string reason)
    {
        // Only the first of a concurrent reader and writer to see the break retires the link.
        if (Interlocked.CompareExchange(ref _current, null, link) == link)
        {
            if (Interlocked.Read(ref _bytesOnCurrent) == 0)
            {
                Interlocked.Increment(ref _emptyConnections);
            }
            else
            {
                Volatile.Write(ref _emptyConnections, 0);
            }

            Statistics.SetLastError(reason);
            _log.Warning("Link {Link} lost ({Reason}); reconnecting", Info.Name, reason);
            _ = link.DisposeAsync().AsTask();
        }
    }

    private async ValueTask<ILink> CurrentAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        ILink? current = Volatile.Read(ref _current);
        if (current is not null)
        {
            return current;
        }

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            current = Volatile.Read(ref _current);
            if (current is not null)
            {
                return current;
            }

            int empty = Volatile.Read(ref _emptyConnections);
            if (empty >= _options.MaxAttempts)
            {
                throw new LinkClosedException(Info.Endpoint, $"the peer closed {empty} connections in a row without sending anything");
            }

            if (empty > 0)
            {
                TimeSpan backoff = TimeSpan.FromTicks(Math.Min(_options.MaxDelay.Ticks, _options.FirstDelay.Ticks << Math.Min(empty - 1, 20)));
                await Task.Delay(TransportTime.OnClock(_time, backoff), _time, cancellationToken).ConfigureAwait(false);
            }

            bool first = !_everConnected;
            ILink link = await _pipeline.ExecuteAsync(static (connect, token) => connect(token), _connect, cancellationToken).ConfigureAwait(false);
            if (!first)
            {
                Statistics.AddReconnect();
                _log.Information("Link {Link} reconnected to {Endpoint}", Info.Name, link.Info.Endpoint);
            }

            _everConnected = true;
            if (Volatile.Read(ref _disposed) != 0)
            {
                await link.DisposeAsync().ConfigureAwait(false);
                throw new ObjectDisposedException(nameof(ReconnectingLink));
            }

            Interlocked.Exchange(ref _bytesOnCurrent, 0);
            Volatile.Write(ref _current, link);
            return link;
        }
        finally
        {
            _gate.Release();
        }
    }
}
