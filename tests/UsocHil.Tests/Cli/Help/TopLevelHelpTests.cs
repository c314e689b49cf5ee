using System.CommandLine;
using System.CommandLine.Help;
using UsocHil.Cli;
using UsocHil.Cli.Help;

namespace UsocHil.Tests.Cli.Help;

public sealed class TopLevelHelpTests
{
    [TestCase(20)]
    [TestCase(33)]
    [TestCase(40)]
    [TestCase(60)]
    [TestCase(80)]
    [TestCase(81)]
    [TestCase(100)]
    [TestCase(120)]
    [TestCase(160)]
    [TestCase(200)]
    [TestCase(250)]
    [TestCase(300)]
    [TestCase(int.MaxValue)]
    public void Text_AnyWidth_IsWhatSystemCommandLinePrintsForTheBuiltTree(int width)
    {
        Assert.That(TopLevelHelp.Text(width), Is.EqualTo(BuiltTreeHelp(width)));
    }

    [Test]
    public void ExecutableName_IsTheRootCommandsName()
    {
        Assert.That(TopLevelHelp.ExecutableName, Is.EqualTo(RootCommand.ExecutableName));
    }

    [TestCase("--help")]
    [TestCase("-h")]
    [TestCase("-?")]
    public void IsAskedFor_EachAliasOfTheHelpOptionAlone_IsTrue(string alias)
    {
        HelpOption help = UsocHilCli.CreateRoot().Options.OfType<HelpOption>().Single();

        Assert.That(help.Name == alias || help.Aliases.Contains(alias), Is.True);
        Assert.That(TopLevelHelp.IsAskedFor([alias]), Is.True);
    }

    [TestCase]
    [TestCase("config", "--help")]
    [TestCase("--help", "--station", "other.json")]
    [TestCase("-v", "--help")]
    public void IsAskedFor_AnythingMoreOrLess_IsFalse(params string[] args)
    {
        Assert.That(TopLevelHelp.IsAskedFor(args), Is.False);
    }

    [Test]
    public async Task RunAsync_Help_PrintsTheHelpAndExitsZero()
    {
        CliResult result = await CliRunner.RunAsync("--help");

        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.Passed));
        Assert.That(result.Output, Does.StartWith("Description:").And.Contain("  config  "));
        Assert.That(result.Error, Is.Empty);
    }

    private static string BuiltTreeHelp(int width)
    {
        RootCommand root = UsocHilCli.CreateRoot();
        ((HelpAction)root.Options.OfType<HelpOption>().Single().Action!).MaxWidth = width;
        var output = new StringWriter();
        int exitCode = root.Parse(["--help"]).Invoke(new InvocationConfiguration { Output = output });
        Assert.That(exitCode, Is.EqualTo(0));
        return output.ToString();
    }
}
