using System.CommandLine;

namespace UsocHil.Cli.Commands;

public static class EmulateCommand
{
    public static Command Create()
    {
        var rig = new Argument<string>("rig") { Description = "The rig whose emulators to start" };
        var timeScale = new Option<double>("--time-scale") { Description = "Rig time per wall-clock second", DefaultValueFactory = _ => 1 };
        var seed = new Option<int>("--seed") { Description = "The emulated unit's seed (its serial number)", DefaultValueFactory = _ => 1 };
        var truth = new Option<FileInfo?>("--truth") { Description = "Write the hidden truth (true temperatures, sensor errors, heater state) as JSON lines" };
        var fault = new Option<string[]>("--fault") { Description = "Inject a fault, for example corrupt=0.01 (repeatable)", AllowMultipleArgumentsPerToken = false };
        var command = new Command("emulate", "Start a rig's emulators standalone and print their endpoints") { rig, timeScale, seed, truth, fault };
        command.SetAction(_ => NotYetAvailable.Say("emulate", "the furnace emulator"));
        return command;
    }
}
