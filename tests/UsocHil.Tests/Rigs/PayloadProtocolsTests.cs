using UsocHil.Description;
using UsocHil.Gpio;
using UsocHil.Links;
using UsocHil.Links.InMemory;
using UsocHil.Registration;
using UsocHil.Rigs;

namespace UsocHil.Tests.Rigs;

/// <summary>The rig's payload link protocol picks the payload protocol by name; an extension's speaks over the link the harness opened.</summary>
public sealed class PayloadProtocolsTests
{
    [Test]
    public void Pus_is_built_in_and_an_unknown_protocol_names_the_registered_ones()
    {
        PayloadProtocols protocols = PayloadProtocols.CreateDefault();

        Assert.That(protocols.Names, Is.EqualTo(new[] { "pus" }));
        Assert.That(() => protocols.Get("modbus"), Throws.TypeOf<RegistrationException>().With.Message.EqualTo("no payload protocol named 'modbus' (known: pus)"));
    }

    [Test]
    public void A_built_in_protocol_cannot_be_registered_again() =>
        Assert.That(() => PayloadProtocols.CreateDefault().Add("PUS", _ => throw new InvalidOperationException()), Throws.TypeOf<RegistrationException>());

    [Test]
    public void A_rig_with_no_link_in_a_registered_protocol_cannot_be_opened()
    {
        RigDefinition rig = TestRigs.Furnace() with { Links = [new LinkDefinition { Name = "payload", Protocol = "line" }], Instruments = [] };

        Assert.That(async () => await RigSessionFactory.OpenAsync(rig, new RigBinding(), TimeProvider.System, 1, Serilog.Core.Logger.None, CancellationToken.None, linesOverride: new NoLines()),
            Throws.TypeOf<LinkException>().With.Message.Contains("no payload link in a registered protocol (its links: payload (line); registered: pus)"));
    }

    [Test]
    public async Task An_extension_protocol_carries_the_session_s_commands_over_the_link_the_harness_opened()
    {
        var (near, far) = InMemoryLink.CreatePair();
        var channel = new RecordingChannel();
        ILink? given = null;
        var kinds = new RigKinds(
            PayloadProtocols.CreateDefault().Add("line", open =>
            {
                given = open.Link;
                return channel;
            }),
            LinkKinds.CreateDefault().Add("loop", (_, _) => ValueTask.FromResult<ILink>(near)),
            GpioBindings.CreateDefault());
        RigDefinition rig = TestRigs.Furnace() with { Links = [new LinkDefinition { Name = "payload", Protocol = "line" }], Instruments = [] };
        var binding = new RigBinding { Links = new Dictionary<string, EndpointBinding> { ["payload"] = new() { Kind = "loop" } } };

        await using (RigSession session = await RigSessionFactory.OpenAsync(rig, binding, TimeProvider.System, 1, Serilog.Core.Logger.None, CancellationToken.None, linesOverride: new NoLines(), kinds: kinds))
        {
            CommandRecord record = await session.SendCommandAsync("HEATER_OFF", new Dictionary<string, double>(), CancellationToken.None);
            Assert.That(record.Succeeded, Is.True);
        }

        Assert.That(given, Is.SameAs(near));
        Assert.That(channel.Sent, Does.Contain("HEATER_OFF"));
        await far.DisposeAsync();
    }

    private sealed class RecordingChannel : IPayloadChannel
    {
        public event Action<IReadOnlyList<TelemetrySample>>? Housekeeping { add { } remove { } }
        public event Action<string, DateTimeOffset>? DeviceEvent { add { } remove { } }
        public event Action<Exception>? Lost { add { } remove { } }

        public Exception? LostWith => null;

        public List<string> Sent { get; } = [];

        public Task<CommandRecord> SendAsync(string command, IReadOnlyDictionary<string, double> arguments, CancellationToken cancellationToken)
        {
            lock (Sent)
            {
                Sent.Add(command);
            }

            return Task.FromResult(new CommandRecord(command, arguments, true, TimeSpan.Zero, TimeSpan.Zero, null, DateTimeOffset.UnixEpoch));
        }

        public Task SetParametersAsync(IReadOnlyDictionary<string, double> values, CancellationToken cancellationToken) => Task.CompletedTask;

        public Task<IReadOnlyDictionary<string, double>> ReadParametersAsync(IReadOnlyList<string> names, CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyDictionary<string, double>>(names.ToDictionary(n => n, _ => 0.0));

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }

    private sealed class NoLines : IRigLines
    {
        public Task SetAsync(string line, bool asserted, CancellationToken cancellationToken) => Task.CompletedTask;

        public Task<bool> ReadAsync(string line, CancellationToken cancellationToken) => Task.FromResult(false);

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
