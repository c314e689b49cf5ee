using System.Diagnostics;
using System.Globalization;
using System.Runtime;

namespace UsocHil.Reproduction;

/// <summary>
/// Keeps the garbage collector from stopping the process while a flight schedule is commanded. At 400× a gen0
/// collection's 4-6 ms pause is 2 s of rig time, more than an emulator tick, and it stops every thread, the
/// schedule's among them, whichever thread allocated. The hold asks the runtime for a no-GC region as large as the
/// process is measured to allocate over the schedule (with a margin), renews it in a gap between commands long enough
/// to collect in once half of it is used, and where no region can be had (a budget the runtime refuses, another
/// schedule holding one) keeps the sustained low-latency mode only, which spares blocking gen2 collections but not
/// gen0 ones. What the collector did meanwhile is counted for the run's log.
/// </summary>
internal sealed class CollectorHold : IDisposable
{
    /// <summary>The least a region asks for: a schedule whose allocation could not be measured still gets one.</summary>
    public const long FloorBytes = 64L << 20;

    /// <summary>What a sent command and its verification allocate, with a margin (figure 12 measures it).</summary>
    public const long BytesPerCommand = 16L << 10;

    private static int s_owner;

    private readonly GCLatencyMode _previousMode;
    private readonly int _gen0;
    private readonly int _gen1;
    private readonly int _gen2;
    private readonly TimeSpan _pause;
    private readonly long _allocated;
    private readonly bool _owner;
    private readonly double _backgroundBytesPerSecond;
    private readonly long _began;
    private readonly int _commands;
    private long _budget;
    private long _regionStart;
    private bool _inRegion;
    private int _regions;
    private int _lost;
    private string? _refused;

    private CollectorHold(long budgetBytes, double backgroundBytesPerSecond, int commands)
    {
        _backgroundBytesPerSecond = backgroundBytesPerSecond;
        _commands = commands;
        _previousMode = GCSettings.LatencyMode;
        _owner = Interlocked.CompareExchange(ref s_owner, 1, 0) == 0;
        _budget = budgetBytes;
        if (!_owner)
        {
            _refused = "another flight schedule holds the collector";
        }
        else
        {
            GCSettings.LatencyMode = GCLatencyMode.SustainedLowLatency;
            StartRegion();
        }

        _gen0 = GC.CollectionCount(0);
        _gen1 = GC.CollectionCount(1);
        _gen2 = GC.CollectionCount(2);
        _pause = GC.GetTotalPauseDuration();
        _allocated = GC.GetTotalAllocatedBytes();
        _began = Stopwatch.GetTimestamp();
    }

    /// <summary>Whether the collector may be let run in the next gap: the region is half used, or was lost.</summary>
    public bool WantsRenewal => _owner && _refused is null && (!_inRegion || !InRegionNow || GC.GetTotalAllocatedBytes() - _regionStart > _budget / 2);

    private static bool InRegionNow => GCSettings.LatencyMode == GCLatencyMode.NoGCRegion;

    /// <summary>
    /// Holds the collector off from now. The region asked for is what the process allocated per wall second while
    /// <paramref name="measured"/> lasted (the run before the schedule) over the schedule's wall duration, twice, plus
    /// each command's own; between <see cref="FloorBytes"/> and an eighth of the memory the collector may use.
    /// </summary>
    public static CollectorHold Begin(long allocatedBytes, TimeSpan measured, TimeSpan schedule, int commands)
    {
        double rate = measured > TimeSpan.FromMilliseconds(20) ? allocatedBytes / measured.TotalSeconds : 0;
        long ceiling = Math.Max(FloorBytes, GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / 8);
        double wanted = 2 * rate * schedule.TotalSeconds + (double)commands * BytesPerCommand;
        return new CollectorHold((long)Math.Clamp(wanted, FloorBytes, ceiling), rate, commands);
    }

    /// <summary>Lets the collector run now (a pause of a few milliseconds), then holds it off again.</summary>
    public void Renew()
    {
        if (!_owner)
        {
            return;
        }

        EndRegion();
        StartRegion();
    }

    /// <summary>Collections, their pause and the allocation since the hold began, and whether the region held.</summary>
    public string Summary()
    {
        string region = _refused is { } why
            ? $"no no-GC region ({why}), sustained low latency only"
            : _lost == 0
                ? $"no-GC region of {_budget >> 20} MB held throughout ({_regions} region(s))"
                : $"no-GC region of {_budget >> 20} MB lost {_lost} time(s) to a collection ({_regions} region(s))";
        long allocated = GC.GetTotalAllocatedBytes() - _allocated;
        double background = _backgroundBytesPerSecond * Stopwatch.GetElapsedTime(_began).TotalSeconds;
        return string.Create(CultureInfo.InvariantCulture,
            $"collections during it gen0 {GC.CollectionCount(0) - _gen0}, gen1 {GC.CollectionCount(1) - _gen1}, gen2 {GC.CollectionCount(2) - _gen2} " +
            $"(pause {(GC.GetTotalPauseDuration() - _pause).TotalMilliseconds:F1} ms), {allocated / 1048576.0:F1} MB allocated " +
            $"({background / 1048576.0:F1} MB at the rate before it, {(allocated - background) / Math.Max(1, _commands) / 1024:F1} KB more per command); {region}");
    }

    public void Dispose()
    {
        if (!_owner)
        {
            return;
        }

        EndRegion();
        GCSettings.LatencyMode = _previousMode;
        Volatile.Write(ref s_owner, 0);
    }

    private void StartRegion()
    {
        try
        {
            _inRegion = GC.TryStartNoGCRegion(_budget);
            if (!_inRegion)
            {
                _refused = "the runtime could not make room for it";
                return;
            }

            _regions++;
            _regionStart = GC.GetTotalAllocatedBytes();
        }
        catch (ArgumentOutOfRangeException)
        {
            _refused = $"{_budget >> 20} MB is more than the runtime allows";
        }
        catch (InvalidOperationException)
        {
            _refused = "a no-GC region is already held in this process";
        }
    }

    private void EndRegion()
    {
        if (!_inRegion)
        {
            return;
        }

        _inRegion = false;
        if (!InRegionNow)
        {
            _lost++;
            return;
        }

        try
        {
            GC.EndNoGCRegion();
        }
        catch (InvalidOperationException)
        {
            _lost++; // the budget was exceeded and a collection ran anyway
        }
    }
}
