using UsocHil.Sequencing;

namespace UsocHil.Hosting;

/// <summary>
/// A clock that follows harness and emulator (<c>--time-scale max</c>) stops jumping as soon as the rig is safed: while
/// the run then disconnects, links close and the emulator stops, both sides are idle in the clock's eyes, and its jumps
/// would add minutes of rig time to the record that nothing happened in.
/// </summary>
internal sealed class FollowingEndsWhenSafe(RunClock clock) : IRunObserver
{
    public void OnTransition(RunTransition transition)
    {
        if (transition.Source == RunState.Safing)
        {
            (clock.Time as IDisposable)?.Dispose();
        }
    }
}
