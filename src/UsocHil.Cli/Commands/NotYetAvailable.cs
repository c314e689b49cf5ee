namespace UsocHil.Cli.Commands;

/// <summary>What a command says while the capability behind it is still being built.</summary>
internal static class NotYetAvailable
{
    public static int Say(string command, string needs)
    {
        Console.Error.WriteLine($"usoc-hil {command}: not available in this build; it needs {needs}.");
        return ExitCodes.UsageOrConfiguration;
    }
}
