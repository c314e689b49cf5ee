using Serilog.Core;
using UsocHil.Description;
using UsocHil.Rigs;
using UsocHil.Safing;
using UsocHil.Sequencing;
using UsocHil.Time;
using UsocHil.Testing.Fakes;

namespace UsocHil.Tests.Sequencing;

/// <summary>
/// A sequence run of the furnace on a fake session at 1000× rig time: the engine under test is real, the rig is the
/// fake that records every action. Each test gets a fresh rig, session and observer.
/// </summary>
public abstract class FakeFurnaceRunFixture
{
    /// <summary>The furnace's safing actions in the order the fake session records them.</summary>
    protected static readonly string[] FurnaceSafing = ["tc HEATER_OFF", "gpio POWER_EN=0", "gpio HEATER_ARM=0", "supply OUTP OFF"];

    protected RigDefinition Rig { get; private set; } = null!;

    protected VirtualTimeProvider Time { get; private set; } = null!;

    protected FakeRigSession Session { get; private set; } = null!;

    protected CollectingObserver Observer { get; private set; } = null!;

    [SetUp]
    public void SetUpFakeFurnace()
    {
        Rig = TestRigs.Furnace();
        Time = new VirtualTimeProvider(TimeProvider.System, 1000);
        Session = new FakeRigSession(Rig, Time);
        Observer = new CollectingObserver();
    }

    [TearDown]
    public async Task TearDownFakeFurnace()
    {
        await Session.DisposeAsync();
        Time.Dispose();
    }

    /// <summary>A run of <paramref name="plan"/> on the fake session, or on what <paramref name="connect"/> opens.</summary>
    protected SequenceRun NewRun(SequencePlan plan, RunOptions? options = null, Func<CancellationToken, Task<IRigSession>>? connect = null) =>
        new(plan, Rig, connect ?? (_ => Task.FromResult<IRigSession>(Session)), options ?? new RunOptions(), Observer, Time,
            new RigSafing(TimeProvider.System, Logger.None), Logger.None);
}
