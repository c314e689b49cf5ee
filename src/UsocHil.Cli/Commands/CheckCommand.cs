using System.CommandLine;
using Serilog;
using UsocHil.Cli.Running;
using UsocHil.Configuration;
using UsocHil.Rigs;
using UsocHil.Hosting;
using UsocHil.Description;

namespace UsocHil.Cli.Commands;

public static class CheckCommand
{
    public static Command Create()
    {
        var rig = new Argument<string>("rig") { Description = "The rig to check, as named in the station file" };
        var command = new Command(
            "check",
            "Open every link of a rig, read its GPIO lines, identify its instruments (*IDN?) and ask the payload if it is " +
            "alive (service 17). Powers nothing: an unpowered payload is reported as such. Exits 3 if a link or instrument fails.")
        { rig };
        command.SetHandler(async (parseResult, cancellationToken) =>
        {
            LoadedStation station = StationContext.Load(parseResult);
            LoadedRig loaded = station.Rig(parseResult.GetValue(rig)!);
            // The payload check's own line says what was found: the session's warnings about unanswered, re-sent
            // requests would only repeat it (a switched-off payload answers none of them); -v shows them.
            int verbosity = parseResult.GetValue(GlobalOptions.Verbosity);
            using Serilog.Core.Logger log = Logging.HarnessLogging.Create(verbosity > 0 ? "Warning" : "Error", verbosity);
            RunClock clock = RunClock.For(loaded, TimeProvider.System);
            await using var connector = new RigConnector(station, loaded, HarnessRegistries.For(station), clock, log);
            await using RigSession session = await connector.ConnectAsync(cancellationToken);
            Console.WriteLine($"{loaded.Name}: links open ({(loaded.Binding.Emulated ? "emulator, in-process" : "hardware")})");
            bool healthy = await CheckLinesAsync(session, loaded.Definition, cancellationToken)
                & await CheckInstrumentsAsync(session, loaded.Definition, cancellationToken)
                & await CheckPayloadAsync(session, clock, log, cancellationToken);
            return healthy ? ExitCodes.Passed : ExitCodes.RigOrLinkFault;
        });
        return command;
    }

    private static async Task<bool> CheckLinesAsync(RigSession session, RigDefinition rig, CancellationToken cancellationToken)
    {
        foreach (GpioLineDefinition line in rig.Gpio)
        {
            bool asserted = await session.ReadLineAsync(line.Name, cancellationToken);
            Console.WriteLine($"  gpio {line.Name,-12} {line.Direction,-6} {(asserted ? "asserted" : "released")}");
        }

        return true;
    }

    private static async Task<bool> CheckInstrumentsAsync(RigSession session, RigDefinition rig, CancellationToken cancellationToken)
    {
        bool healthy = true;
        foreach (InstrumentDefinition instrument in rig.Instruments)
        {
            try
            {
                string identity = (await session.QueryInstrumentAsync(instrument.Name, "*IDN?", cancellationToken)).Trim();
                bool expected = instrument.Identity is null || identity.StartsWith(instrument.Identity, StringComparison.OrdinalIgnoreCase);
                healthy &= expected;
                Console.WriteLine($"  instrument {instrument.Name,-6} {identity}{(expected ? "" : $"  (expected {instrument.Identity})")}");
            }
            catch (Exception e) when (e is Links.LinkException or TimeoutException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
            {
                healthy = false;
                Console.WriteLine($"  instrument {instrument.Name,-6} no identity: {e.Message}");
            }
        }

        return healthy;
    }

    private static async Task<bool> CheckPayloadAsync(RigSession session, RunClock clock, ILogger log, CancellationToken cancellationToken)
    {
        if (session.Rig.Session.Heartbeat?.Command is not { } heartbeat)
        {
            Console.WriteLine("  payload not asked: the rig names no heartbeat command (session.heartbeat in rig.json)");
            return true;
        }

        try
        {
            CommandRecord alive = await session.SendCommandAsync(heartbeat, new Dictionary<string, double>(), cancellationToken);
            Console.WriteLine($"  payload alive: {heartbeat} accepted after {(alive.Acceptance is { } accepted ? DurationText.Wall(accepted) : "an unknown time")}");
        }
        catch (Protocols.Pus.CommandTimeoutException e) when (!cancellationToken.IsCancellationRequested)
        {
            // Not a fault of the link: a ground model that is switched off does not answer.
            log.Debug(e, "{Command} unanswered", heartbeat);
            Console.WriteLine($"  payload did not answer {heartbeat}: no {e.Stage.ToString().ToLowerInvariant()} report within {DurationText.Wall(e.Timeout / clock.Scale)}, "
                + "asked up to 3 times; a payload that is switched off does not answer");
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            log.Debug(e, "{Command} unanswered", heartbeat);
            Console.WriteLine($"  payload did not answer {heartbeat} ({e.Message}); a payload that is switched off does not answer");
        }

        return true;
    }
}
