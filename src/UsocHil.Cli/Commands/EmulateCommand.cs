using System.CommandLine;
using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.Json.Serialization;
using UsocHil.Cli.Logging;
using UsocHil.Cli.Running;
using UsocHil.Configuration;
using UsocHil.Emulation;
using UsocHil.Time;
using UsocHil.Description;

namespace UsocHil.Cli.Commands;

public static class EmulateCommand
{
    private static readonly JsonSerializerOptions SnippetJson = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static Command Create()
    {
        var rig = new Argument<string>("rig") { Description = "The rig to emulate, as named in the station file; its rig.json names the emulator" };
        var timeScale = TimeScaleOption.Create("Rig time per wall-clock second (default 1)");
        var seed = new Option<int?>("--seed") { Description = "The emulated unit's seed (its serial number); default: the station binding's" };
        var truth = new Option<FileInfo?>("--truth") { Description = "Write the emulator's hidden truth (what it really did) as JSON lines" };
        var fault = new Option<string[]>("--fault") { Description = "Inject a fault the emulator knows, for example corrupt=0.01 (repeatable); default: the station binding's", AllowMultipleArgumentsPerToken = false };
        var state = new Option<FileInfo?>("--eeprom") { Description = "The unit's non-volatile memory (what it stored), kept across runs; in memory when not given" };
        var payload = new Option<string>("--payload") { Description = "Which payload endpoint the printed binding names: serial or tcp", DefaultValueFactory = _ => "serial" };
        payload.AcceptOnlyFromAmong("serial", "tcp");
        var emulator = new Option<string?>("--emulator") { Description = "The registered emulator to run instead of the one rig.json names (for example model); default: the station binding's" };
        var command = new Command("emulate", "Start a rig's emulator standalone, print its endpoints and a station binding, run until Ctrl-C")
        {
            rig, timeScale, seed, truth, fault, state, payload, emulator,
        };
        command.SetHandler(async (parseResult, cancellationToken) =>
        {
            double scale = parseResult.GetValue(timeScale) ?? 1;

            if (parseResult.GetValue(seed) is < 0 and var negative)
            {
                throw new UsageException($"--seed {negative} is negative: a unit's seed is its serial number, 0 or more");
            }

            LoadedStation station = StationContext.Load(parseResult);
            LoadedRig loaded = station.Rig(parseResult.GetValue(rig)!);
            using Serilog.Core.Logger log = HarnessLogging.Create("Information", parseResult.GetValue(GlobalOptions.Verbosity));
            var time = new VirtualTimeProvider(TimeProvider.System, scale);
            var start = new EmulatorStart(
                loaded.Definition.WithEmulator(parseResult.GetValue(emulator) ?? loaded.Binding.Emulator),
                loaded.Name,
                parseResult.GetValue(seed) ?? loaded.Binding.Seed,
                parseResult.GetValue(fault) is { Length: > 0 } faults ? faults : loaded.Binding.Faults,
                time,
                scale,
                log,
                parseResult.GetValue(truth)?.FullName,
                parseResult.GetValue(state)?.FullName,
                parseResult.GetValue(payload)!,
                RigDirectory: loaded.Directory);
            await using IEmulatedRig emulated = HarnessRegistries.For(station).Emulators.Start(start);
            Print(loaded.Name, start, emulated);
            log.Information("Emulating {Rig} unit {Seed} at time scale {Scale}; Ctrl-C stops", loaded.Name, start.Seed, scale);
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            using PosixSignalRegistration sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
            {
                context.Cancel = true; // stop like Ctrl-C: close the emulator's endpoints and say so
                stop.Cancel();
            });
            try
            {
                await Task.Delay(Timeout.InfiniteTimeSpan, time, stop.Token);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                Console.Error.WriteLine("usoc-hil emulate: stopped");
            }

            return ExitCodes.Passed;
        });
        return command;
    }

    private static void Print(string rigName, EmulatorStart start, IEmulatedRig emulated)
    {
        Console.WriteLine($"Emulated {rigName}, unit {start.Seed}, faults: {(start.Faults.Count == 0 ? "none" : string.Join(", ", start.Faults))} (emulator {start.Rig.Emulator})");
        foreach (string endpoint in emulated.Endpoints)
        {
            Console.WriteLine($"  {endpoint}");
        }

        Console.WriteLine();
        Console.WriteLine("Station binding (rig-config.json, under \"rigs\"):");
        var snippet = new Dictionary<string, RigBinding> { [rigName] = emulated.Binding };
        Console.WriteLine(JsonSerializer.Serialize(snippet, SnippetJson));
        Console.Out.Flush();
    }
}
