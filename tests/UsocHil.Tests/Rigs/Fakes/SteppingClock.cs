using Microsoft.Extensions.Time.Testing;

namespace UsocHil.Tests.Rigs.Fakes;

/// <summary>
/// A <see cref="FakeTimeProvider"/> that also says when a timer was created, so a test advances the clock only once
/// the loop under test is waiting on it (advancing earlier would leave the loop's next wait un-fired).
/// </summary>
public sealed class SteppingClock : TimeProvider
{
    private readonly FakeTimeProvider _fake = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
    private readonly SemaphoreSlim _timers = new(0);

    public override DateTimeOffset GetUtcNow() => _fake.GetUtcNow();

    public override long GetTimestamp() => _fake.GetTimestamp();

    public override long TimestampFrequency => _fake.TimestampFrequency;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        ITimer timer = _fake.CreateTimer(callback, state, dueTime, period);
        _timers.Release();
        return timer;
    }

    /// <summary>Completes once a timer has been created since the last call (one wait of the loop under test).</summary>
    public Task TimerCreatedAsync(CancellationToken cancellationToken) => _timers.WaitAsync(cancellationToken);

    public void Advance(TimeSpan span) => _fake.Advance(span);
}
