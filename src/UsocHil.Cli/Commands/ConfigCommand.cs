using System.CommandLine;
using UsocHil.Cli.Running;
using UsocHil.Configuration;
using UsocHil.Extensions;
using UsocHil.Sequencing;

namespace UsocHil.Cli.Commands;

public static class ConfigCommand
{
    public static Command Create()
    {
        var command = new Command("config", "Check the station and rig configuration");
        var file = new Argument<FileInfo?>("file") { Description = "A station file (default: --station)", Arity = ArgumentArity.ZeroOrOne };
        var raw = new Option<bool>("--raw") { Description = "Accept sequences' raw steps, as `run --raw` would (their packets are still checked)" };
        var validate = new Command(
            "validate",
            "Validate the station file, every rig it names and their sequences; prints one line per problem " +
            "(file:line: JSON path: what is wrong) and exits 2 if there is any")
        { file, raw };
        validate.SetHandler((parseResult, _) =>
            Task.FromResult(Validate((parseResult.GetValue(file) ?? parseResult.GetValue(GlobalOptions.Station)!).FullName, parseResult.GetValue(raw))));
        command.Subcommands.Add(validate);
        return command;
    }

    /// <summary>What <c>config validate</c> does once its command line is read (also <see cref="DirectConfigValidate"/>).</summary>
    /// <param name="station">The station file's full path.</param>
    /// <param name="allowRaw">Accept sequences' raw steps, as <c>run --raw</c> would.</param>
    internal static int Validate(string station, bool allowRaw)
    {
        LoadedStation loaded = StationLoader.Load(station);
        Registries registries = HarnessRegistries.For(loaded);
        SequenceLoader.RegisterWithConfiguration(registries.Steps);
        var problems = RegistryChecks.Check(registries, loaded).Concat(loaded.Rigs.Values.SelectMany(rig => SequenceChecks.CheckAll(rig, allowRaw))).ToList();
        if (problems.Count > 0)
        {
            throw new ConfigurationException(problems);
        }

        foreach (LoadedRig rig in loaded.Rigs.Values)
        {
            string binding = rig.Binding.Emulated ? "emulated" : "bound";
            Console.WriteLine($"{rig.Name}: {binding}, {rig.Definition.Dictionary.Parameters.Count} parameters, " +
                $"{rig.Definition.Dictionary.Commands.Count} commands, sequences: {string.Join(", ", rig.SequenceNames)}");
        }

        Console.WriteLine($"{Path.GetRelativePath(Environment.CurrentDirectory, loaded.File)}: valid ({loaded.Rigs.Count} rig(s))");
        return ExitCodes.Passed;
    }
}
