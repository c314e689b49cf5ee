using Serilog;
using UsocHil.Dictionary;
using UsocHil.FirmwareSim.Faults;
using UsocHil.FirmwareSim.Furnace;
using UsocHil.FirmwareSim.Hosting;
using UsocHil.Framing;
using UsocHil.Links.Serial;
using UsocHil.Protocols.Pus;
using UsocHil.Protocols.Pus.Services;
using UsocHil.Time;
using UsocHil.Description;

namespace UsocHil.IntegrationTests.Reliability;

/// <summary>
/// The emulated furnace rig with a fault plan, powered on through its bench, and the harness' real protocol stack on
/// its serial payload endpoint: <see cref="TtyLink"/> on the pty, <see cref="SyncMarkerFramer"/>, <see cref="PusClient"/>.
/// </summary>
internal sealed class EmulatedPayload : IAsyncDisposable
{
    private EmulatedPayload(EmulatedFurnaceRig rig, TtyLink link, PusClient client, VirtualTimeProvider time)
    {
        Rig = rig;
        Link = link;
        Client = client;
        Time = time;
        Dictionary = new DictionaryCodec(rig.Options.Bench.Rig.Dictionary, (ushort)rig.Options.Bench.Rig.Apid);
    }

    public EmulatedFurnaceRig Rig { get; }
    public TtyLink Link { get; }
    public PusClient Client { get; }
    public VirtualTimeProvider Time { get; }
    public DictionaryCodec Dictionary { get; }

    public static EmulatedPayload Start(FaultPlan faults, ILogger log, double timeScale = 10)
    {
        var time = new VirtualTimeProvider(TimeProvider.System, timeScale);
        EmulatedFurnaceRig rig = EmulatedFurnaceRig.Start(time, new EmulatedFurnaceRigOptions { Bench = new FurnaceBenchOptions { Faults = faults }, TimeScale = timeScale }, log);
        rig.Bench.Run(b =>
        {
            b.Supply.VoltageSetpoint = 28;
            b.Supply.CurrentLimit = 25;
            b.Supply.OutputOn = true;
        });
        rig.Bench.PowerEnable = true;
        TtyLink link = TtyLink.Open("payload", rig.Endpoints.PayloadPty, new SerialSettings(), log);
        var framer = new SyncMarkerFramer(PusCodec.UsocHilDefault.Layout.ErrorControl, time, log);
        var client = new PusClient(link, framer, PusCodec.UsocHilDefault, time, log);
        client.Start();
        return new EmulatedPayload(rig, link, client, time);
    }

    /// <summary>Sends a dictionary command, retrying what the faults swallowed; returns the attempts it took.</summary>
    private static readonly TimeSpan BootAllowance = TimeSpan.FromSeconds(30);

    public async Task<int> CommandAsync(string name, IReadOnlyDictionary<string, double>? arguments, int attempts, CancellationToken cancellationToken)
    {
        long started = Time.GetTimestamp();
        for (int attempt = 1; ; attempt++)
        {
            try
            {
                await Client.SendAsync(Dictionary.EncodeCommand(name, arguments), new CommandVerificationTiming(5, 8), cancellationToken, name);
                return attempt;
            }
            catch (CommandTimeoutException) when (attempt < attempts)
            {
                // the telecommand or its report was damaged on the wire: send again
            }
            catch (CommandFailedException e) when (e.Stage == VerificationStage.Acceptance && Time.GetElapsedTime(started) < BootAllowance)
            {
                // refused while the controller boots (a few seconds of rig time): not an attempt, wait and ask again
                attempt--;
                await Task.Delay(TimeSpan.FromSeconds(1), Time, cancellationToken);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Client.DisposeAsync();
        await Link.DisposeAsync();
        await Rig.DisposeAsync();
    }
}
