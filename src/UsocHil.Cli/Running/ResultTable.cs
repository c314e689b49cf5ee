using System.Globalization;
using Spectre.Console;
using UsocHil.Sequencing;

namespace UsocHil.Cli.Running;

/// <summary>
/// The table at the end of a run: every verdict with its margin, then the outcome and what safing did. On a terminal
/// it fits the terminal and at most <see cref="MaxWidth"/> columns; without one, one verdict per line, unwrapped.
/// </summary>
internal static class ResultTable
{
    public const int MaxWidth = 100;

    public static void Write(IAnsiConsole console, RunResult result, Description.RigDictionary? dictionary = null)
    {
        var table = new Table().Border(TableBorder.Rounded).Title(Markup.Escape($"{TerminalText.Escape(result.Sequence)}: {result.Outcome}"))
            .AddColumn("step").AddColumn("measurement").AddColumn(new TableColumn("value").RightAligned()).AddColumn("expectation").AddColumn("verdict").AddColumn(new TableColumn("margin").RightAligned());
        if (OperatorConsole.IsTerminal)
        {
            table.Width(Math.Min(console.Profile.Width, MaxWidth));
        }

        foreach (Measurement m in result.Measurements.Where(m => m.Verdict != Expectations.Verdict.NotSet))
        {
            string verdict = m.Verdict switch
            {
                Expectations.Verdict.Pass => "[green]pass[/]",
                Expectations.Verdict.Marginal => "[yellow]marginal[/]",
                _ => "[red]FAIL[/]",
            };
            table.AddRow(
                Markup.Escape(TerminalText.Escape(m.Step)),
                Markup.Escape(TerminalText.Escape(m.Name)),
                Markup.Escape(TerminalText.Escape(ValueText.Of(m, dictionary))),
                Markup.Escape(TerminalText.Escape(m.Expectation)),
                verdict,
                Markup.Escape(m.Margin?.ToString("G3", CultureInfo.InvariantCulture) ?? ""));
        }

        console.Write(table);
        console.WriteLine($"Run ended {result.FinalState} ({result.Outcome}) after {DurationText.Rig(result.RigDuration)}{(result.Reason is null ? "" : ": " + TerminalText.Escape(result.Reason))}");
        if (result.Safing is { } safing)
        {
            console.WriteLine(TerminalText.Escape($"Safing: {string.Join(", ", safing.Actions.Select(a => a.Succeeded ? a.Name : $"{a.Name} FAILED ({a.Error})"))}"));
        }
    }
}
