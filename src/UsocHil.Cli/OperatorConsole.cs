using Spectre.Console;

namespace UsocHil.Cli;

/// <summary>
/// Where tables go. On a terminal, Spectre.Console's own console, which fits them to the terminal's width. Without one
/// (a pipe, a file, CI), a console wide enough that no record is wrapped: Spectre's default there is 80 columns, which
/// split names, dates and hashes over several lines.
/// </summary>
internal static class OperatorConsole
{
    /// <summary>Wider than any record; a pipe has no width of its own.</summary>
    private const int UnwrappedWidth = 4096;

    public static bool IsTerminal => !Console.IsOutputRedirected;

    public static IAnsiConsole Create()
    {
        if (IsTerminal)
        {
            return AnsiConsole.Console;
        }

        IAnsiConsole console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(Console.Out),
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
        });
        console.Profile.Width = UnwrappedWidth;
        return console;
    }
}
