using Serilog.Core;
using UsocHil.Framing;
using UsocHil.Links;
using UsocHil.Links.InMemory;
using UsocHil.Protocols.Pus;
using UsocHil.Protocols.Pus.Services;
using UsocHil.Description;

namespace UsocHil.Tests.Protocols.Pus;

public sealed class PusClientTests
{
    private static readonly PusCodec Codec = PusCodec.UsocHilDefault;
    private static readonly CommandVerificationTiming Generous = new(5, 5);

    [Test]
    [CancelAfter(10_000)]
    public async Task SendAsync_DeviceAcceptsAndCompletes_ReturnsVerificationWithBothTimes(CancellationToken cancellationToken)
    {
        await using var rig = await Rig.StartAsync(cancellationToken);
        Task device = rig.AnswerAsync((tc, id) => [VerificationReport.Succeeded(VerificationStage.Acceptance, id), VerificationReport.Succeeded(VerificationStage.Completion, id)], cancellationToken);

        CommandVerification result = await rig.Client.SendAsync(ConnectionTest.Request(100), Generous, cancellationToken);

        Assert.That(result.Acceptance, Is.Not.Null);
        Assert.That(result.Completion, Is.GreaterThanOrEqualTo(result.Acceptance));
        await device;
    }

    [Test]
    [CancelAfter(10_000)]
    public async Task SendAsync_CompletionFailure_ThrowsCommandFailedWithCodeAndName(CancellationToken cancellationToken)
    {
        await using var rig = await Rig.StartAsync(cancellationToken, code => code == 6 ? "HEATER_NOT_ARMED" : null);
        Task device = rig.AnswerAsync((tc, id) => [VerificationReport.Succeeded(VerificationStage.Acceptance, id), VerificationReport.Failed(VerificationStage.Completion, id, 6)], cancellationToken);

        var e = await Assert.ThrowsAsync<CommandFailedException>(() => rig.Client.SendAsync(new PerformFunction(1).ToTelecommand(100), Generous, cancellationToken, "HEATER_ON"));

        Assert.That((e!.FailureCode, e.FailureName, e.Stage), Is.EqualTo(((ushort)6, "HEATER_NOT_ARMED", VerificationStage.Completion)));
        Assert.That(e.Message, Does.Contain("HEATER_ON").And.Contain("HEATER_NOT_ARMED"));
        await device;
    }

    [Test]
    [CancelAfter(10_000)]
    public async Task SendAsync_AcceptanceFailure_ThrowsWithoutWaitingForCompletion(CancellationToken cancellationToken)
    {
        await using var rig = await Rig.StartAsync(cancellationToken);
        Task device = rig.AnswerAsync((tc, id) => [VerificationReport.Failed(VerificationStage.Acceptance, id, 8)], cancellationToken);

        var e = await Assert.ThrowsAsync<CommandFailedException>(() => rig.Client.SendAsync(ConnectionTest.Request(100), new CommandVerificationTiming(5, 60), cancellationToken));

        Assert.That(e!.Stage, Is.EqualTo(VerificationStage.Acceptance));
        await device;
    }

    [Test]
    [CancelAfter(10_000)]
    public async Task SendAsync_NoCompletionReport_ThrowsCommandTimeout(CancellationToken cancellationToken)
    {
        await using var rig = await Rig.StartAsync(cancellationToken);
        Task device = rig.AnswerAsync((tc, id) => [VerificationReport.Succeeded(VerificationStage.Acceptance, id)], cancellationToken);

        var e = await Assert.ThrowsAsync<CommandTimeoutException>(() => rig.Client.SendAsync(ConnectionTest.Request(100), new CommandVerificationTiming(5, 0.2), cancellationToken));

        Assert.That(e!.Stage, Is.EqualTo(VerificationStage.Completion));
        await device;
    }

    [Test]
    [CancelAfter(10_000)]
    public async Task SendAsync_OnlyAcceptanceFlag_DoesNotAwaitCompletion(CancellationToken cancellationToken)
    {
        await using var rig = await Rig.StartAsync(cancellationToken);
        Task device = rig.AnswerAsync((tc, id) => [VerificationReport.Succeeded(VerificationStage.Acceptance, id)], cancellationToken);

        CommandVerification result = await rig.Client.SendAsync(ConnectionTest.Request(100, AckFlags.Acceptance), new CommandVerificationTiming(5, 0.01), cancellationToken);

        Assert.That(result.Completion, Is.Null);
        await device;
    }

    [Test]
    [CancelAfter(10_000)]
    public async Task SendAsync_Returns_ItsReportsAlreadyDeliveredToSubscribers(CancellationToken cancellationToken)
    {
        await using var rig = await Rig.StartAsync(cancellationToken);
        var heard = new List<byte>();
        rig.Client.TelemetryReceived += tm => { lock (heard) { heard.Add(tm.Subtype); } };
        Task device = rig.AnswerAsync((tc, id) => [VerificationReport.Succeeded(VerificationStage.Acceptance, id), VerificationReport.Succeeded(VerificationStage.Completion, id)], cancellationToken);

        await rig.Client.SendAsync(ConnectionTest.Request(100), Generous, cancellationToken);

        // No waiting: a script that reads the channel right after a command must find that command's reports.
        Assert.That(rig.Client.Telemetry.TryRead(out Telemetry? first) ? first.Subtype : (byte)0, Is.EqualTo(1), "acceptance in the channel");
        Assert.That(rig.Client.Telemetry.TryRead(out Telemetry? second) ? second.Subtype : (byte)0, Is.EqualTo(7), "completion in the channel");
        lock (heard)
        {
            Assert.That(heard, Is.EqualTo(new byte[] { 1, 7 }), "both raised as events");
        }

        await device;
    }

    [Test]
    [CancelAfter(10_000)]
    public async Task SendAsync_Twice_AssignsConsecutiveSequenceCounts(CancellationToken cancellationToken)
    {
        await using var rig = await Rig.StartAsync(cancellationToken);
        var seen = new List<ushort>();
        Task device = rig.AnswerAsync((tc, id) => { seen.Add(tc.SequenceCount); return [VerificationReport.Succeeded(VerificationStage.Completion, id)]; }, cancellationToken, count: 2);

        await rig.Client.SendAsync(ConnectionTest.Request(100, AckFlags.Completion), Generous, cancellationToken);
        await rig.Client.SendAsync(ConnectionTest.Request(100, AckFlags.Completion), Generous, cancellationToken);
        await device;

        Assert.That(seen, Is.EqualTo(new ushort[] { 0, 1 }));
    }

    [Test]
    [CancelAfter(10_000)]
    public async Task Telemetry_HousekeepingWithAGap_IsPublishedAndTheGapCounted(CancellationToken cancellationToken)
    {
        await using var rig = await Rig.StartAsync(cancellationToken);
        foreach (ushort count in new ushort[] { 10, 11, 14 })
        {
            await rig.SendTelemetryAsync(new HousekeepingReport(1, new byte[] { 7 }).ToTelemetry(100) with { SequenceCount = count }, cancellationToken);
        }

        var received = new List<Telemetry>();
        for (int i = 0; i < 3; i++)
        {
            received.Add(await rig.Client.Telemetry.ReadAsync(cancellationToken));
        }

        Assert.That(received.Select(t => t.SequenceCount), Is.EqualTo(new ushort[] { 10, 11, 14 }));
        Assert.That((rig.Client.Gaps.Gaps, rig.Client.Gaps.MissingPackets), Is.EqualTo((1L, 2L)));
    }

    [Test]
    [CancelAfter(10_000)]
    public async Task SendAsync_LinkClosesWhileWaiting_ThrowsLinkException(CancellationToken cancellationToken)
    {
        await using var rig = await Rig.StartAsync(cancellationToken);
        Task device = Task.Run(async () =>
        {
            await rig.Framer.ReadPacketAsync(rig.Device, cancellationToken);
            await rig.Device.DisposeAsync();
        }, cancellationToken);

        await Assert.ThrowsAsync<LinkClosedException>(() => rig.Client.SendAsync(ConnectionTest.Request(100), Generous, cancellationToken));
        await device;
        await rig.Client.Completion;
    }

    [Test]
    [CancelAfter(10_000)]
    public async Task Telemetry_PacketWithBadCrc_IsCountedAndNotPublished(CancellationToken cancellationToken)
    {
        await using var rig = await Rig.StartAsync(cancellationToken);
        byte[] bad = Codec.Encode(ConnectionTest.Report(100) with { SequenceCount = 1 });
        bad[^1] ^= 0x01;
        await rig.Framer.WritePacketAsync(rig.Device, bad, cancellationToken);
        await rig.SendTelemetryAsync(ConnectionTest.Report(100) with { SequenceCount = 2 }, cancellationToken);

        Telemetry first = await rig.Client.Telemetry.ReadAsync(cancellationToken);

        Assert.That(first.SequenceCount, Is.EqualTo(2));
        Assert.That(rig.Client.DecodeErrors, Is.EqualTo(1));
        Assert.That(rig.Harness.Statistics.FramingErrors, Is.EqualTo(1));
    }

    [Test]
    [CancelAfter(10_000)]
    public async Task Telemetry_IdlePacket_IsSkippedNotCountedAsAnError(CancellationToken cancellationToken)
    {
        await using var rig = await Rig.StartAsync(cancellationToken);
        // APID 2047, no secondary header; its fill happens to look like a PUS-C service 3 telemetry header
        byte[] idle = Convert.FromHexString("07FFC0000008" + "20031900010002AAAA");
        await rig.Framer.WritePacketAsync(rig.Device, idle, cancellationToken);
        await rig.SendTelemetryAsync(ConnectionTest.Report(100) with { SequenceCount = 2 }, cancellationToken);

        Telemetry first = await rig.Client.Telemetry.ReadAsync(cancellationToken);

        Assert.That(first.SequenceCount, Is.EqualTo(2));
        Assert.That(rig.Client.DecodeErrors, Is.Zero);
        Assert.That(rig.Harness.Statistics.FramingErrors, Is.Zero);
    }

    /// <summary>A client on one end of an in-memory link and a scripted device on the other.</summary>
    private sealed class Rig : IAsyncDisposable
    {
        private ushort _count;

        private Rig(InMemoryLink harness, InMemoryLink device, PusClient client)
        {
            Harness = harness;
            Device = device;
            Client = client;
        }

        public InMemoryLink Harness { get; }
        public InMemoryLink Device { get; }
        public PusClient Client { get; }
        public LengthDelimitedFramer Framer { get; } = new();

        public static Task<Rig> StartAsync(CancellationToken cancellationToken, Func<int, string?>? failureNames = null)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var (harness, device) = InMemoryLink.CreatePair("pus");
            var client = new PusClient(harness, new LengthDelimitedFramer(), Codec, TimeProvider.System, Logger.None,
                new PusClientOptions { FailureCodeName = failureNames ?? (_ => null) });
            client.Start();
            return Task.FromResult(new Rig(harness, device, client));
        }

        public Task AnswerAsync(Func<Telecommand, uint, VerificationReport[]> script, CancellationToken cancellationToken, int count = 1) =>
            Task.Run(async () =>
            {
                for (int i = 0; i < count; i++)
                {
                    Telecommand tc = Codec.DecodeTelecommand((await Framer.ReadPacketAsync(Device, cancellationToken)).Span);
                    foreach (VerificationReport report in script(tc, tc.RequestId))
                    {
                        await SendTelemetryAsync(report.ToTelemetry(100), cancellationToken);
                    }
                }
            }, cancellationToken);

        public async Task SendTelemetryAsync(Telemetry telemetry, CancellationToken cancellationToken)
        {
            Telemetry numbered = telemetry.SequenceCount == 0 ? telemetry with { SequenceCount = _count++ } : telemetry;
            await Framer.WritePacketAsync(Device, Codec.Encode(numbered), cancellationToken);
        }

        public async ValueTask DisposeAsync()
        {
            await Client.DisposeAsync();
            await Harness.DisposeAsync();
            await Device.DisposeAsync();
        }
    }
}
