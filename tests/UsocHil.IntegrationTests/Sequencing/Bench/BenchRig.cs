using Serilog;
using UsocHil.FirmwareSim.Faults;
using UsocHil.FirmwareSim.Furnace;
using UsocHil.FirmwareSim.Truth;
using UsocHil.Rigs;
using UsocHil.Description;

namespace UsocHil.IntegrationTests.Sequencing.Bench;

/// <summary>An in-process furnace bench and a real RigSession over it, sharing one clock.</summary>
internal sealed class BenchRig : IDisposable
{
    static BenchRig()
    {
        // Accelerated rig time turns thread-pool starvation into seconds of rig time; keep enough threads ready.
        ThreadPool.GetMinThreads(out int workers, out int io);
        ThreadPool.SetMinThreads(Math.Max(workers, 16), Math.Max(io, 16));
    }

    public BenchRig(RigDefinition rig, TimeProvider time, int seed, FaultPlan? faults = null)
    {
        Rig = rig;
        Time = time;
        Channel = new BenchPayloadChannel(rig.Dictionary, time);
        Bench = new FurnaceBench(time, new FurnaceBenchOptions { SerialNumber = seed, Rig = rig, Faults = faults ?? FaultPlan.None, TickPeriod = TimeSpan.FromSeconds(1) }, Channel, new LoggerConfiguration().CreateLogger());
        Channel.Attach(Bench);
        Bench.Start();
        Io = new BenchLinesAndInstruments(Bench, seed);
    }

    public RigDefinition Rig { get; }
    public TimeProvider Time { get; }
    public FurnaceBench Bench { get; }
    public BenchPayloadChannel Channel { get; }
    public BenchLinesAndInstruments Io { get; }

    public RigSession OpenSession(ILogger log) => new(Rig, Channel, Io, Io, Time, log);

    public TruthRecord Truth() => Bench.Run(b => b.Snapshot());

    public void Dispose() => Bench.Dispose();
}
