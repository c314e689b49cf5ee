using Serilog;
using UsocHil.Configuration;
using UsocHil.Description;
using UsocHil.Emulation;
using UsocHil.Extensions;
using UsocHil.Links;
using UsocHil.Rigs;

namespace UsocHil.Hosting;

/// <summary>
/// Connects a rig as the station binds it: an emulated rig first gets its emulator (the one its rig.json names),
/// whose endpoints then stand in for the bench's; the session is opened on whichever binding results. The emulator
/// lives as long as the connector. Emulators, payload protocols, link kinds and GPIO bindings come from the registries.
/// </summary>
public sealed class RigConnector(LoadedStation station, LoadedRig rig, Registries registries, RunClock clock, ILogger log) : IAsyncDisposable
{
    private IEmulatedRig? _emulator;

    /// <summary>Emulated rigs: the file the emulator writes its hidden truth (JSON lines) to.</summary>
    public string? TruthFile { get; init; }

    /// <summary>Called with every link the session opens (payload and instruments), for its statistics.</summary>
    public Action<string, LinkStatistics>? LinkOpened { get; init; }

    public async Task<RigSession> ConnectAsync(CancellationToken cancellationToken)
    {
        // Starting an emulator and opening links take wall time in which nothing happens on the rig: on a clock shared
        // with the emulator, hours of rig time would pass at a high scale. Bounded, so a connect timeout still fires.
        using IDisposable? hold = (clock.Time as Time.VirtualTimeProvider)?.HoldForExchange(TimeSpan.FromSeconds(5));
        RigBinding binding = rig.Binding;
        if (binding.Emulated)
        {
            await StopEmulatorAsync().ConfigureAwait(false);
            _emulator = registries.Emulators.StartFor(station, rig, clock.Time, clock.Scale, TruthFile, log);
            binding = _emulator.Binding;
        }

        return await RigSessionFactory.OpenAsync(rig.Definition, binding, clock.Time, clock.Scale, log, cancellationToken,
            linesOverride: _emulator?.Lines, onLinkOpened: LinkOpened, kinds: registries.Rig).ConfigureAwait(false);
    }

    public ValueTask DisposeAsync() => StopEmulatorAsync();

    private async ValueTask StopEmulatorAsync()
    {
        if (Interlocked.Exchange(ref _emulator, null) is { } emulator)
        {
            await emulator.DisposeAsync().ConfigureAwait(false);
        }
    }
}
