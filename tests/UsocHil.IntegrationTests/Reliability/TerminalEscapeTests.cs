namespace UsocHil.IntegrationTests.Reliability;

/// <summary>
/// A sequence whose labels carry terminal escape sequences (retitle the window, clear the screen, rewrite a line,
/// reverse the text) run through the built CLI and then read back with <c>results show</c>: nothing the operator's
/// terminal would act on reaches it, on standard output or in the log lines on standard error.
/// </summary>
public sealed class TerminalEscapeTests
{
    private const string Hostile = @"\u001b]0;owned\u0007\u001b[2J\u009b31mheating\rPASSED\u202e";

    [Test]
    [CancelAfter(120_000)]
    public async Task SequenceTextWithEscapes_ReachesTheTerminalEscaped(CancellationToken cancellationToken)
    {
        using var station = TemporaryStation.EmulatedFurnace(9, timeScale: 200, extraSequences: new Dictionary<string, string>
        {
            ["hostile"] = $$"""
                { "sequence": "hostile", "version": "1",
                  "powerUp": [ { "kind": "power", "supply": "on", "lines": { "POWER_EN": true } }, { "kind": "wait", "parameter": "MODE", "equals": "IDLE", "timeoutSeconds": 120 } ],
                  "steps": [
                    { "kind": "wait", "label": "{{Hostile}}", "parameter": "CONTROL_TEMP", "above": 999, "timeoutSeconds": 30 } ] }
                """,
        });

        CliProcessResult run = await UsocHilProcess.RunAsync(station.Directory, ["run", "furnace-em", "hostile", "--yes", "--truth", station.TruthFile], cancellationToken);
        CliProcessResult show = await UsocHilProcess.RunAsync(station.Directory, ["results", "show", "1"], cancellationToken);

        Assert.That(run.ExitCode, Is.EqualTo(1), "the wait times out: a failed step\n" + run.Describe());
        Assert.That(run.Stdout, Does.Contain(@"\x1b]0;owned\x07\x1b[2J\x9b31mheating\rPASSED\u202e"), run.Describe());
        foreach (CliProcessResult output in new[] { run, show })
        {
            Assert.That(output.All.Where(c => c is < ' ' and not '\n' || c is >= '\u007f' and <= '\u009f' || c is >= '\u202a' and <= '\u202e'),
                Is.Empty, "no control character from the sequence reaches the terminal\n" + output.Describe());
        }

        ReliabilityRecord.Write("bad input", "terminal escape sequences (OSC title, clear screen, C1 CSI, carriage return, RTL override) in a sequence's step label", 2,
            "`run` (progress, log lines, result table) and `results show` print them as \\x1b, \\r, \\u202e escapes; no control character reaches the terminal");
    }
}
