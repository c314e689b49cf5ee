using System.CommandLine;
using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.Json.Serialization;
using Serilog;
using UsocHil.Cli.Logging;
using UsocHil.FirmwareSim.Faults;
using UsocHil.FirmwareSim.Furnace;
using UsocHil.FirmwareSim.Hosting;
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
        var rig = new Argument<string>("rig") { Description = "The rig whose emulators to start (furnace-em)" };
        var timeScale = new Option<double>("--time-scale") { Description = "Rig time per wall-clock second", DefaultValueFactory = _ => 1 };
        var seed = new Option<int>("--seed") { Description = "The emulated unit's seed (its serial number)", DefaultValueFactory = _ => 1 };
        var truth = new Option<FileInfo?>("--truth") { Description = "Write the hidden truth (true temperatures, sensor errors, heater state) as JSON lines" };
        var fault = new Option<string[]>("--fault") { Description = "Inject a fault, for example corrupt=0.01 (repeatable); known: " + FaultSpecParser.Names, AllowMultipleArgumentsPerToken = false };
        var eeprom = new Option<FileInfo?>("--eeprom") { Description = "The unit's EEPROM image (calibration and gains it stored), kept across runs; in memory when not given" };
        var payload = new Option<string>("--payload") { Description = "Which payload endpoint the printed binding names: serial or tcp", DefaultValueFactory = _ => "serial" };
        payload.AcceptOnlyFromAmong("serial", "tcp");
        var command = new Command("emulate", "Start a rig's emulators standalone, print their endpoints and a station binding, run until Ctrl-C")
        {
            rig, timeScale, seed, truth, fault, eeprom, payload,
        };
        command.SetHandler(async (parseResult, cancellationToken) =>
        {
            string rigName = parseResult.GetValue(rig)!;
            if (rigName != "furnace-em")
            {
                throw new UsageException($"no emulator for rig '{rigName}'; emulated rigs: furnace-em");
            }

            double scale = parseResult.GetValue(timeScale);
            if (!(scale > 0) || double.IsInfinity(scale))
            {
                throw new UsageException($"--time-scale must be a positive number, not {scale}");
            }

            FaultPlan faults;
            try
            {
                faults = FaultPlan.Parse(parseResult.GetValue(fault) ?? []);
            }
            catch (FaultSpecException e)
            {
                throw new UsageException(e.Message);
            }

            using Serilog.Core.Logger log = HarnessLogging.Create("Information", parseResult.GetValue(GlobalOptions.Verbosity));
            var time = new VirtualTimeProvider(TimeProvider.System, scale);
            var options = new EmulatedFurnaceRigOptions
            {
                TimeScale = scale,
                PayloadTransport = parseResult.GetValue(payload)!,
                Bench = new FurnaceBenchOptions
                {
                    SerialNumber = parseResult.GetValue(seed),
                    Faults = faults,
                    TruthPath = parseResult.GetValue(truth)?.FullName,
                    EepromPath = parseResult.GetValue(eeprom)?.FullName,
                    TickPeriod = TimeSpan.FromMilliseconds(Math.Max(100, 20 * scale)),
                },
            };
            await using EmulatedFurnaceRig emulated = EmulatedFurnaceRig.Start(time, options, log);
            Print(rigName, emulated, faults);
            log.Information("Emulating {Rig} unit {Serial} at time scale {Scale}; Ctrl-C stops", rigName, options.Bench.SerialNumber, scale);
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

    private static void Print(string rigName, EmulatedFurnaceRig emulated, FaultPlan faults)
    {
        FurnaceRigEndpoints e = emulated.Endpoints;
        Console.WriteLine($"Emulated {rigName}, unit {emulated.Bench.Unit.SerialNumber}, faults: {faults}");
        Console.WriteLine($"  payload (PUS)    serial {e.PayloadPty}    tcp {FurnaceRigEndpoints.Host}:{e.PayloadTcpPort}");
        Console.WriteLine($"  supply (SCPI)    serial {e.SupplyPty}    tcp {FurnaceRigEndpoints.Host}:{e.SupplyTcpPort}");
        Console.WriteLine($"  dmm (SCPI)       serial {e.MultimeterPty}    tcp {FurnaceRigEndpoints.Host}:{e.MultimeterTcpPort}");
        Console.WriteLine(e.GpioPort is int port
            ? $"  gpio (pigpiod)   tcp {FurnaceRigEndpoints.Host}:{port}    pins {string.Join(", ", e.Pins.Select(p => $"{p.Key}={p.Value}"))}"
            : "  gpio             not served");
        Console.WriteLine();
        Console.WriteLine("Station binding (rig-config.json, under \"rigs\"):");
        var snippet = new Dictionary<string, RigBinding> { [rigName] = emulated.Binding };
        Console.WriteLine(JsonSerializer.Serialize(snippet, SnippetJson));
        Console.Out.Flush();
    }
}
