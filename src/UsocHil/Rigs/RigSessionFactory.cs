using Serilog;
using UsocHil.Gpio;
using UsocHil.Links;
using UsocHil.Protocols.Scpi;
using UsocHil.Description;

namespace UsocHil.Rigs;

/// <summary>
/// Opens a rig from a station binding: the payload link in the protocol its <c>rig.json</c> names (see
/// <see cref="PayloadProtocols"/>),
/// the GPIO adapter, each instrument (identified against rig.json), then the session around them. Whatever was
/// opened is closed again if a later part fails.
/// </summary>
public static class RigSessionFactory
{
    /// <param name="wallTimeFloor">
    /// The least wall-clock time a command verification or instrument answer is given, however fast rig time runs
    /// (rig time per wall second is <paramref name="timeScale"/>).
    /// </param>
    public static async Task<RigSession> OpenAsync(RigDefinition rig, RigBinding binding, TimeProvider time, double timeScale, ILogger log, CancellationToken cancellationToken, TimeSpan? wallTimeFloor = null, IRigLines? linesOverride = null, Action<string, Links.LinkStatistics>? onLinkOpened = null, RigKinds? kinds = null)
    {
        var disposables = new List<IAsyncDisposable>();
        TimeSpan floor = (wallTimeFloor ?? TimeSpan.FromSeconds(2)) * Math.Max(1, timeScale);
        CommandVerificationTiming expected = rig.Expectations?.CommandVerification ?? new CommandVerificationTiming(0.5, 2);
        var transport = new CommandVerificationTiming(Math.Max(expected.AcceptanceSeconds * 4, floor.TotalSeconds), Math.Max(expected.CompletionSeconds * 4, floor.TotalSeconds));
        try
        {
            kinds ??= RigKinds.CreateDefault();
            PayloadProtocols protocols = kinds.Protocols;
            var links = new LinkFactory(time, log, kinds: kinds.Links);
            LinkDefinition payloadDefinition = rig.Links.FirstOrDefault(l => protocols.Contains(l.Protocol))
                ?? throw new LinkException(rig.Name, $"the rig has no payload link in a registered protocol (its links: {string.Join(", ", rig.Links.Select(l => $"{l.Name} ({l.Protocol})"))}; registered: {string.Join(", ", protocols.Names)})");
            EndpointBinding payloadBinding = binding.Links.TryGetValue(payloadDefinition.Name, out EndpointBinding? b)
                ? b
                : throw new LinkException(payloadDefinition.Name, "the station binds no endpoint for this link");
            Func<PayloadOpen, IPayloadChannel> protocol = protocols.Get(payloadDefinition.Protocol);
            async Task<IPayloadChannel> OpenPayloadAsync(CancellationToken ct)
            {
                ILink payloadLink = await links.OpenAsync(payloadDefinition, payloadBinding, ct).ConfigureAwait(false);
                onLinkOpened?.Invoke(payloadDefinition.Name, payloadLink.Statistics);
                try
                {
                    return protocol(new PayloadOpen(rig, payloadDefinition, payloadBinding, payloadLink, time, log, transport, floor));
                }
                catch
                {
                    await payloadLink.DisposeAsync().ConfigureAwait(false);
                    throw;
                }
            }

            IPayloadChannel payload = await OpenPayloadAsync(cancellationToken).ConfigureAwait(false);
            disposables.Add(payload);

            IRigLines lines;
            if (linesOverride is not null)
            {
                lines = linesOverride;
            }
            else if (binding.Gpio is null)
            {
                throw new LinkException("gpio", "the station binds no GPIO adapter for this rig");
            }
            else
            {
                lines = new RigSessionLines(await RigGpio.OpenAsync(rig, binding.Gpio, time, log, cancellationToken, kinds.Gpio).ConfigureAwait(false));
            }

            disposables.Add(lines);

            var clients = new Dictionary<string, ScpiClient>(StringComparer.Ordinal);
            var instrumentLinks = new List<IAsyncDisposable>();
            var instruments = new RigSessionInstruments(clients, instrumentLinks);
            disposables.Add(instruments);
            foreach (InstrumentDefinition instrument in rig.Instruments)
            {
                EndpointBinding endpoint = binding.Instruments.TryGetValue(instrument.Name, out EndpointBinding? e)
                    ? e
                    : throw new LinkException(instrument.Name, "the station binds no endpoint for this instrument");
                ILink link = await links.OpenAsync(new LinkDefinition { Name = instrument.Name, Protocol = "scpi" }, endpoint, cancellationToken).ConfigureAwait(false);
                instrumentLinks.Add(link);
                onLinkOpened?.Invoke(instrument.Name, link.Statistics);
                var client = new ScpiClient(link, time, log, new ScpiClientOptions { Timeout = floor });
                ScpiIdentity identity = await client.IdentifyAsync(cancellationToken).ConfigureAwait(false);
                log.Information("Instrument {Instrument} is {Identity}", instrument.Name, identity);
                if (instrument.Identity is { } expectedIdentity && !identity.Matches(expectedIdentity))
                {
                    throw new LinkException(link.Info.Endpoint, $"{instrument.Name} identifies as '{identity}', expected '{expectedIdentity}'");
                }

                clients[instrument.Name] = client;
            }

            return new RigSession(rig, payload, lines, instruments, time, log, new RigSessionOptions
            {
                SilenceTimeout = TimeSpan.FromSeconds(Math.Max(rig.Session.SilenceSeconds, floor.TotalSeconds)),
                // A TCP endpoint or a serial device can be opened again; a UDP peer that fell silent cannot be reconnected to.
                ReopenPayload = payloadBinding.Udp is null ? OpenPayloadAsync : null,
            });
        }
        catch
        {
            foreach (IAsyncDisposable disposable in disposables)
            {
                await disposable.DisposeAsync().ConfigureAwait(false);
            }

            throw;
        }
    }
}
