using System.Device.Gpio;
using Serilog;
using UsocHil.Links;

namespace UsocHil.Gpio.Drivers.Pigpio;

/// <summary>
/// Turns periodic bank reads into edge events for callbacks and waiters. Polling costs one 16-byte exchange per
/// interval and misses pulses shorter than it, which is right for interlocks and fault flags, not for counting pulses.
/// </summary>
internal sealed class EdgePoller : IDisposable
{
    private readonly Func<bool, ulong> _readLevels;
    private readonly TimeSpan _interval;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _log;
    private readonly object _gate = new();
    private readonly List<Subscription> _subscriptions = [];
    private readonly CancellationTokenSource _stop = new();
    private Task? _loop;
    private ulong _last;

    /// <param name="readLevels">Reads pin levels as a bit mask; the argument says whether pins 32-53 are wanted.</param>
    public EdgePoller(Func<bool, ulong> readLevels, TimeSpan interval, TimeProvider timeProvider, ILogger log)
    {
        _readLevels = readLevels;
        _interval = TransportTime.OnClock(timeProvider, interval);
        _timeProvider = timeProvider;
        _log = log;
    }

    public void Add(int pin, PinEventTypes types, PinChangeEventHandler handler) => Subscribe(new Subscription(pin, types, handler, null));

    public void Remove(int pin, PinChangeEventHandler handler)
    {
        lock (_gate)
        {
            _subscriptions.RemoveAll(s => s.Pin == pin && s.Handler == handler);
        }
    }

    public void RemoveAll(int pin)
    {
        lock (_gate)
        {
            _subscriptions.RemoveAll(s => s.Pin == pin && s.Handler is not null);
        }
    }

    public async Task<PinEventTypes> WaitAsync(int pin, PinEventTypes types, CancellationToken cancellationToken)
    {
        var waiter = new TaskCompletionSource<PinEventTypes>(TaskCreationOptions.RunContinuationsAsynchronously);
        var subscription = new Subscription(pin, types, null, waiter);
        Subscribe(subscription);
        try
        {
            return await waiter.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            lock (_gate)
            {
                _subscriptions.Remove(subscription);
            }
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        try
        {
            _loop?.Wait(TimeSpan.FromSeconds(2));
        }
        catch (AggregateException)
        {
            // the loop ends by cancellation
        }

        _stop.Dispose();
    }

    private void Subscribe(Subscription subscription)
    {
        lock (_gate)
        {
            bool wantsHighBank = subscription.Pin >= 32 || _subscriptions.Any(s => s.Pin >= 32);
            if (_loop is null)
            {
                _last = _readLevels(wantsHighBank);
                _loop = Task.Run(LoopAsync);
            }

            _subscriptions.Add(subscription);
        }
    }

    private async Task LoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(_interval, _timeProvider, _stop.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            Subscription[] subscriptions;
            lock (_gate)
            {
                subscriptions = [.. _subscriptions];
            }

            if (subscriptions.Length == 0)
            {
                continue;
            }

            ulong now;
            try
            {
                now = _readLevels(subscriptions.Any(s => s.Pin >= 32));
            }
            catch (Exception e) when (e is LinkException or GpioException)
            {
                _log.Warning("GPIO edge polling failed: {Error}", e.Message);
                continue;
            }

            ulong changed = now ^ _last;
            _last = now;
            if (changed != 0)
            {
                Dispatch(subscriptions, changed, now);
            }
        }
    }

    private void Dispatch(Subscription[] subscriptions, ulong changed, ulong now)
    {
        foreach (Subscription s in subscriptions)
        {
            ulong bit = 1UL << s.Pin;
            if ((changed & bit) == 0)
            {
                continue;
            }

            PinEventTypes edge = (now & bit) != 0 ? PinEventTypes.Rising : PinEventTypes.Falling;
            if ((s.Types & edge) == 0)
            {
                continue;
            }

            s.Handler?.Invoke(this, new PinValueChangedEventArgs(edge, s.Pin));
            s.Waiter?.TrySetResult(edge);
        }
    }

    private sealed record Subscription(int Pin, PinEventTypes Types, PinChangeEventHandler? Handler, TaskCompletionSource<PinEventTypes>? Waiter);
}
