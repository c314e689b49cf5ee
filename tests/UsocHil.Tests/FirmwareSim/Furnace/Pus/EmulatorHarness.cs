using Microsoft.Extensions.Time.Testing;
using Serilog.Core;
using UsocHil.Dictionary;
using UsocHil.FirmwareSim.Furnace;
using UsocHil.FirmwareSim.Furnace.Pus;
using UsocHil.Framing;
using UsocHil.Links.InMemory;
using UsocHil.Protocols.Pus;

namespace UsocHil.Tests.FirmwareSim.Furnace.Pus;

/// <summary>The furnace emulator on one end of an in-memory link, the harness' codec and framer on the other, on a fake clock.</summary>
internal sealed class EmulatorHarness : IAsyncDisposable
{
    private readonly InMemoryLink _harnessEnd;
    private readonly LengthDelimitedFramer _framer = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _serving;
    private ushort _sequence;

    public EmulatorHarness(FurnaceBenchOptions? options = null)
    {
        options ??= new FurnaceBenchOptions();
        Emulator = new FurnaceEmulator(Time, options, Logger.None);
        Codec = new DictionaryCodec(options.Rig.Dictionary, (ushort)options.Rig.Apid, new PusCodec(options.Rig.Profile));
        (InMemoryLink emulatorEnd, _harnessEnd) = InMemoryLink.CreatePair("payload");
        _serving = Emulator.ServeAsync(emulatorEnd, "tcp", _stop.Token);
    }

    public FakeTimeProvider Time { get; } = new();

    public FurnaceEmulator Emulator { get; }

    public FurnaceBench Bench => Emulator.Bench;

    public DictionaryCodec Codec { get; }

    public EmulatorHarness PowerUp(bool armed = true)
    {
        Bench.Run(b =>
        {
            b.Supply.VoltageSetpoint = 28;
            b.Supply.CurrentLimit = 25;
            b.Supply.OutputOn = true;
        });
        Bench.PowerEnable = true;
        Bench.HeaterArm = armed;
        Advance(TimeSpan.FromSeconds(4));
        return this;
    }

    public void Advance(TimeSpan span)
    {
        Time.Advance(span);
        Bench.Run(_ => { });
    }

    public async Task<Telecommand> SendAsync(Telecommand tc, CancellationToken cancellationToken)
    {
        tc = tc with { SequenceCount = _sequence++, SourceId = 7 };
        await _framer.WritePacketAsync(_harnessEnd, Codec.Codec.Encode(tc), cancellationToken);
        return tc;
    }

    public Task<Telecommand> SendAsync(string command, CancellationToken cancellationToken, IReadOnlyDictionary<string, double>? arguments = null) =>
        SendAsync(Codec.EncodeCommand(command, arguments), cancellationToken);

    /// <summary>Yields until the emulator has taken in <paramref name="count"/> telecommands in all.</summary>
    public async Task ReceivedAsync(long count, CancellationToken cancellationToken)
    {
        while (Emulator.TelecommandsReceived < count)
        {
            cancellationToken.ThrowIfCancellationRequested();
            await Task.Yield();
        }
    }

    /// <summary>The next telemetry packet that matches, skipping the others (housekeeping, events).</summary>
    public async Task<Telemetry> NextAsync(Func<Telemetry, bool> match, CancellationToken cancellationToken)
    {
        while (true)
        {
            ReadOnlyMemory<byte> packet = await _framer.ReadPacketAsync(_harnessEnd, cancellationToken);
            Telemetry tm = Codec.Codec.DecodeTelemetry(packet.Span);
            if (match(tm))
            {
                return tm;
            }
        }
    }

    /// <summary>The next reply that is not housekeeping or an event.</summary>
    public Task<Telemetry> NextReplyAsync(CancellationToken cancellationToken) =>
        NextAsync(tm => tm.Service is not (3 or 5), cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _harnessEnd.DisposeAsync();
        try
        {
            await _serving;
        }
        catch (Exception e) when (e is OperationCanceledException or UsocHil.Links.LinkException)
        {
        }

        Emulator.Dispose();
        _stop.Dispose();
    }
}
