using Serilog.Core;
using UsocHil.Framing;
using UsocHil.Links.Tcp;
using UsocHil.Protocols.Pus;
using UsocHil.Protocols.Pus.Services;

namespace UsocHil.Benchmarks.Figures;

/// <summary>
/// The least PUS work a far side can do, for figure 2's breakdown: one TCP link, every telecommand decoded and
/// answered at once, on the reading task, with its successful acceptance report. No physics, no queue, no writer task.
/// </summary>
internal sealed class MinimalPusResponder : IAsyncDisposable
{
    private readonly TcpLinkListener _listener = new("responder", Logger.None);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _serving;

    public MinimalPusResponder(PusCodec codec, ushort apid) => _serving = ServeAsync(codec, apid, _stop.Token);

    public int Port => _listener.Port;

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _listener.DisposeAsync();
        try
        {
            await _serving;
        }
        catch (Exception e) when (e is OperationCanceledException or Links.LinkException)
        {
        }

        _stop.Dispose();
    }

    private async Task ServeAsync(PusCodec codec, ushort apid, CancellationToken cancellationToken)
    {
        await using TcpLink link = await _listener.AcceptAsync(cancellationToken);
        var framer = new LengthDelimitedFramer(codec.Layout.MaxPacketLength);
        while (true)
        {
            ReadOnlyMemory<byte> packet = await framer.ReadPacketAsync(link, cancellationToken);
            Telecommand tc = codec.DecodeTelecommand(packet.Span);
            byte[] report = codec.Encode(VerificationReport.Succeeded(VerificationStage.Acceptance, tc.RequestId).ToTelemetry(apid));
            await framer.WritePacketAsync(link, report, cancellationToken);
        }
    }
}
