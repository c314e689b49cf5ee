using Microsoft.Extensions.Time.Testing;
using Serilog.Core;
using UsocHil.FirmwareSim.Furnace;

namespace UsocHil.Tests.FirmwareSim.Furnace;

/// <summary>A furnace bench on a fake clock, with the telemetry it emits collected, for tests that drive it directly.</summary>
internal sealed class BenchDriver : IDisposable, IFurnaceTelemetrySink
{
    private BenchDriver(FurnaceBenchOptions options)
    {
        Bench = new FurnaceBench(Time, options, this, Logger.None);
    }

    public FakeTimeProvider Time { get; } = new();

    public FurnaceBench Bench { get; }

    public FurnaceController Controller => Bench.Controller;

    public List<FurnaceEvent> Events { get; } = [];

    public List<HousekeepingSample> Reports { get; } = [];

    public static BenchDriver Create(FurnaceBenchOptions? options = null) => new(options ?? new FurnaceBenchOptions());

    /// <summary>Supply at 28 V with a 25 A limit, output on, POWER_EN and HEATER_ARM high, boot done.</summary>
    public BenchDriver PowerUp()
    {
        Bench.Run(b =>
        {
            b.Supply.VoltageSetpoint = 28;
            b.Supply.CurrentLimit = 25;
            b.Supply.OutputOn = true;
        });
        Bench.PowerEnable = true;
        Bench.HeaterArm = true;
        Advance(TimeSpan.FromSeconds(4));
        return this;
    }

    /// <summary>Moves rig time on and lets the bench catch up.</summary>
    public void Advance(TimeSpan span)
    {
        Time.Advance(span);
        Bench.Run(_ => { });
    }

    /// <summary>Moves rig time on in slices, sending a heartbeat telecommand after each, as a harness would.</summary>
    public void AdvanceWithHeartbeat(TimeSpan span, TimeSpan every, Func<bool>? stop = null)
    {
        for (TimeSpan done = TimeSpan.Zero; done < span && stop?.Invoke() != true; done += every)
        {
            Advance(every);
            Do(c => c.Accept());
        }
    }

    public T Do<T>(Func<FurnaceController, T> action) => Bench.Run(b => action(b.Controller));

    public CommandOutcome Command(Func<FurnaceController, CommandOutcome> action) =>
        Bench.Run(b => b.Controller.Accept() is { Succeeded: false } refused ? refused : action(b.Controller));

    public CommandOutcome Set(string name, double value) =>
        Command(c => c.SetParameters([(c.Parameters.Definition(name).Id, value)]));

    public double Read(string name) => Do(c => c.Read(name));

    public void Event(FurnaceEvent furnaceEvent) => Events.Add(furnaceEvent);

    public void Housekeeping(HousekeepingSample report) => Reports.Add(report);

    public void Dispose() => Bench.Dispose();
}
