using System.Text.RegularExpressions;

namespace UsocHil.IntegrationTests.Runs;

/// <summary>
/// What the operator reads during and after a run, at a terminal (a real pseudo-terminal, its screen rebuilt from the
/// bytes usoc-hil wrote) and without one: the panel is never torn by log lines, states are not repeated, enumerated
/// parameters are named, and the result table fits.
/// </summary>
public sealed partial class LiveDisplayTests
{
    private const string BorderCharacters = "╭╮╰╯│├┤┬┴┼─";

    [Test]
    [CancelAfter(120_000)]
    public async Task CalibrateInATerminal_PanelUntornStatesOnceNamesNotNumbers_FinalTableWithin100Columns(CancellationToken cancellationToken)
    {
        using var station = TemporaryStation.EmulatedFurnace(seed: 3);
        // Wider than the table may be, so the 100-column limit is the table's own.
        var (exit, output) = await PseudoTerminal.RunAsync(station.Directory, columns: 160, rows: 50,
            ["run", TestRigs.FurnaceName, "calibrate-thermocouples", "--yes", "--time-scale", "1000"], cancellationToken);
        IReadOnlyList<string> screen = TerminalScreen.Of(output, columns: 160).Lines;
        string shown = string.Join('\n', screen);

        Assert.That(exit, Is.Zero, shown);
        Assert.Multiple(() =>
        {
            foreach (string line in screen.Where(l => l.IndexOfAny(BorderCharacters.ToCharArray()) >= 0).Select(l => l.Trim()))
            {
                // A log line written under or through the panel leaves text before its left border or after its right one.
                Assert.That("╭│╰├".Contains(line[0], StringComparison.Ordinal) && "╮│╯┤".Contains(line[^1], StringComparison.Ordinal), Is.True, $"torn line: {line}\n{shown}");
            }

            Assert.That(screen.Count(l => l.TrimStart().StartsWith("│ state ", StringComparison.Ordinal)), Is.EqualTo(1), "the panel is drawn in place, once\n" + shown);
            Assert.That(screen.Where(l => LogLine().IsMatch(l)), Is.Empty, "Information log lines go only to the log file while the panel is shown");
            Assert.That(output, Does.Not.Contain("Executing -> Executing"));
            string runState = string.Join('|', Enum.GetNames<UsocHil.Sequencing.RunState>());
            string[] states = screen.Select(l => Regex.Match(l, $@"\b({runState}) -> ({runState})\b")).Where(m => m.Success).Select(m => m.Value).ToArray();
            Assert.That(states, Is.Unique.And.Not.Empty, shown);
            Assert.That(output, Does.Match(@"MODE (IDLE|CONTROL|SAFE)\b"), "an enumerated parameter by its dictionary name");
            Assert.That(output, Does.Not.Match(@"MODE \d"));
            Assert.That(shown, Does.Not.Contain("NaN").And.Not.Contain(" null"));
            // Every warning of the run's log is on the screen, above the panel, not under or through it.
            int warnings = station.LogEvents().Count(e => e["@l"]?.GetValue<string>() is "Warning" or "Error");
            int panelTop = screen.ToList().FindIndex(l => l.StartsWith('╭'));
            int[] warningLines = screen.Select((l, i) => (l, i)).Where(x => WarningLine().IsMatch(x.l)).Select(x => x.i).ToArray();
            Assert.That(warningLines, Has.Length.EqualTo(warnings), shown);
            Assert.That(warningLines, Has.All.LessThan(panelTop), shown);
        });

        int title = screen.ToList().FindIndex(l => l.Contains("calibrate-thermocouples: Passed", StringComparison.Ordinal));
        int end = screen.ToList().FindIndex(l => l.StartsWith("Run ended Completed (Passed) after ", StringComparison.Ordinal));
        Assert.That(title, Is.GreaterThan(0).And.LessThan(end), shown);
        string[] table = screen.Skip(title + 1).Take(end - title - 1).ToArray();
        Assert.That(table.Select(l => l.Length), Has.All.LessThanOrEqualTo(100), string.Join('\n', table));
        Assert.That(string.Join('\n', table), Does.Match(@"== -?\d\.\d{1,8}(E-\d+)?\s").And.Contain("(float32)").And.Not.Match(@"\d\.\d{10,}"),
            "a float32 read-back shows the float32 value, not 17 digits");
        Assert.That(screen[end], Does.EndWith("of rig time"));
    }

    [Test]
    [CancelAfter(120_000)]
    public async Task CalibrateRedirected_OneLinePerStepAndVerdict_TablesOneRecordPerLine_JsonParses(CancellationToken cancellationToken)
    {
        using var station = TemporaryStation.EmulatedFurnace(seed: 4);
        var (exit, output, error) = await UsocHilProcess.RunAsync(station.Directory,
            ["run", TestRigs.FurnaceName, "calibrate-thermocouples", "--yes", "--time-scale", "1000"], cancellationToken);
        Assert.That(exit, Is.Zero, output + error);

        string both = output + error;
        Assert.Multiple(() =>
        {
            Assert.That(Lines(both, "step 4.1.1 "), Has.Length.EqualTo(2), "one line when the step starts, one when it ends:\n" + both);
            Assert.That(Regex.Matches(both, @"step 4\.1\.1 passed"), Has.Count.EqualTo(1));
            Assert.That(Lines(both, "TC1 max |residual| ="), Has.Length.EqualTo(1), "one verdict line");
            Assert.That(Lines(both, "TC1 max |residual|"), Has.Length.EqualTo(2), "one verdict line and one table row");
            Assert.That(error, Does.Not.Contain(" INF "), "Information goes to the run's log file only");
            Assert.That(both, Does.Not.Contain("Executing -> Executing"));
            Assert.That(both, Does.Not.Contain("NaN").And.Not.Contain(" null"));
        });
        string[] readBacks = output.Split('\n').Where(l => l.Contains("read back", StringComparison.Ordinal) && l.StartsWith('│')).ToArray();
        Assert.That(readBacks, Has.Length.EqualTo(9), output);
        Assert.That(readBacks, Has.All.Contain("(float32)").And.All.Contain("pass"), "one verdict, one line, unwrapped");

        var (_, list, _) = await UsocHilProcess.RunAsync(station.Directory, ["results", "list"], cancellationToken);
        string row = list.Split('\n').Single(l => l.Contains("calibrate-thermocouples", StringComparison.Ordinal));
        Assert.That(row, Does.Match(@"│ 1 +│ furnace-em +│ 4 +│ calibrate-thermocouples +│ \d{4}-\d\d-\d\d \d\d:\d\d:\d\d +│ passed +│ [0-9a-f]{12} +│"), list);

        var (_, listJson, _) = await UsocHilProcess.RunAsync(station.Directory, ["results", "list", "--json"], cancellationToken);
        using (var runs = System.Text.Json.JsonDocument.Parse(listJson))
        {
            Assert.That(runs.RootElement.GetArrayLength(), Is.EqualTo(1));
            Assert.That(runs.RootElement[0].GetProperty("sequence").GetString(), Is.EqualTo("calibrate-thermocouples"));
        }

        var (_, show, _) = await UsocHilProcess.RunAsync(station.Directory, ["results", "show", "1"], cancellationToken);
        Assert.That(show, Does.Not.Contain("NaN"));
        Assert.That(show.Split('\n').Where(l => l.Contains("read back", StringComparison.Ordinal)), Has.Exactly(9).Match(@"│ -\s+│ pass"), "a check with no margin shows none");

        var (_, showJson, _) = await UsocHilProcess.RunAsync(station.Directory, ["results", "show", "1", "--json"], cancellationToken);
        using var shownRun = System.Text.Json.JsonDocument.Parse(showJson);
        var verdicts = shownRun.RootElement.GetProperty("verdicts").EnumerateArray().ToArray();
        Assert.That(verdicts.Where(v => v.GetProperty("expectation").GetString()!.EndsWith("read back", StringComparison.Ordinal)).Select(v => v.GetProperty("margin").ValueKind),
            Has.All.EqualTo(System.Text.Json.JsonValueKind.Null));
    }

    private static string[] Lines(string text, string containing) => text.Split('\n').Where(l => l.Contains(containing, StringComparison.Ordinal)).ToArray();

    [GeneratedRegex(@"^\d\d:\d\d:\d\d (WRN|ERR) ")]
    private static partial Regex WarningLine();

    [GeneratedRegex(@"^\d\d:\d\d:\d\d(\.\d+)? INF ")]
    private static partial Regex LogLine();
}
