using System.CommandLine;
using UsocHil.Cli;
using UsocHil.Cli.Commands;

namespace UsocHil.Tests.Cli.Commands;

public sealed class CommandCatalogueTests
{
    private static IEnumerable<string> CommandNames() => CommandCatalogue.All().Select(c => c.Name);

    [TestCaseSource(nameof(CommandNames))]
    public void Named_EachCommandsName_BuildsThatCommand(string name)
    {
        Assert.That(CommandCatalogue.Named(name).Select(c => c.Name), Does.Contain(name));
    }

    [TestCase("")]
    [TestCase("conifg")]
    [TestCase("--station")]
    [TestCase("Config")]
    public void Named_NotACommandsName_BuildsNothing(string word)
    {
        Assert.That(CommandCatalogue.Named(word), Is.Empty);
    }

    [TestCase("config", "validate", "rig-config.json")]
    [TestCase("config", "validate", "--raw", "--station", "other.json", "-v")]
    [TestCase("config", "validate", "a.json", "b.json")]
    [TestCase("config", "bogus")]
    [TestCase("config")]
    [TestCase("run", "furnace-em")]
    [TestCase("run", "furnace-em", "calibrate-thermocouples", "--yes", "--unknown")]
    [TestCase("rigs", "config")]
    [TestCase("release")]
    [TestCase("reservations", "--help")]
    public void CreateRoot_ForACommandLine_ParsesItAsTheWholeTreeDoes(params string[] args)
    {
        ParseResult alone = UsocHilCli.CreateRoot(args).Parse(args);
        ParseResult whole = UsocHilCli.CreateRoot().Parse(args);

        Assert.That(alone.CommandResult.Command.Name, Is.EqualTo(whole.CommandResult.Command.Name));
        Assert.That(alone.Errors.Select(e => e.Message), Is.EqualTo(whole.Errors.Select(e => e.Message)));
        Assert.That(alone.Tokens.Select(t => (t.Value, t.Type)), Is.EqualTo(whole.Tokens.Select(t => (t.Value, t.Type))));
        Assert.That(alone.UnmatchedTokens, Is.EqualTo(whole.UnmatchedTokens));
    }

    [TestCase("--station", "rig-config.json", "config", "validate")]
    [TestCase("conifg", "validate")]
    public void CreateRoot_CommandLineNotStartingWithACommand_HasEveryCommand(params string[] args)
    {
        Assert.That(UsocHilCli.CreateRoot(args).Subcommands.Select(c => c.Name), Is.EqualTo(CommandNames()));
    }
}
