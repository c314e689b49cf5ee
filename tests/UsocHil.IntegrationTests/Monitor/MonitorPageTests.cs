using System.Net;
using OpenQA.Selenium;
using UsocHil.Monitor;
using UsocHil.Sequencing;
using UsocHil.Description;

namespace UsocHil.IntegrationTests.Monitor;

/// <summary>The page in headless Chromium, fed by a synthetic run: traces grow, the state moves, verdicts appear, device text stays text, abort needs the token.</summary>
public sealed class MonitorPageTests
{
    private const string Markup = "<img src=x onerror=alert(1)>";

    [Test]
    [CancelAfter(90_000)]
    public async Task Page_SyntheticRun_ShowsTheRunLiveAndAbortsWithTheToken(CancellationToken cancellationToken)
    {
        SyntheticRun? run = null;
        int aborts = 0;
        Task Abort()
        {
            // What the run does on Ctrl-C: safing, then Aborted; here driven by hand.
            Interlocked.Increment(ref aborts);
            run!.MoveTo(RunState.Safing, RunTrigger.OperatorAbort, "operator abort from the monitor");
            run.Event("safing", "info", "heater off: done");
            run.Event("safing", "info", "supply output off: done");
            run.MoveTo(RunState.Aborted, RunTrigger.SafingDone);
            run.Finish(RunState.Aborted, RunOutcome.Aborted, "operator abort from the monitor");
            return Task.CompletedTask;
        }

        var options = new MonitorOptions
        {
            Endpoint = new IPEndPoint(IPAddress.Loopback, 0),
            Rig = new RigDefinition
            {
                Name = "furnace-em", Apid = 0x123, Dictionary = new(),
                Limits =
                [
                    .. SyntheticRun.Thermocouples.Select(p => new LimitDefinition { Parameter = p, Yellow = [0, 600], Red = [-20, 650] }),
                    new LimitDefinition { Parameter = "TC1_TEMP", Delta = new DeltaLimitDefinition { Yellow = 5, Red = 20 } },
                    new LimitDefinition { Parameter = "HEATER_POWER", Yellow = [0, 400], Red = [-1, 500], When = new LimitCondition { Parameter = "MODE", Value = 2 } },
                ],
            },
            RequestAbort = Abort,
        };
        await using MonitorServer server = await MonitorServer.StartAsync(options, TestLog.Silent, cancellationToken);
        run = new SyntheticRun(server.Observer!);
        run.Start(stepCount: 3);
        run.MoveTo(RunState.PoweringUp, RunTrigger.StepCompleted);
        run.MoveTo(RunState.SelfTest, RunTrigger.StepCompleted);
        run.MoveTo(RunState.Executing, RunTrigger.StepCompleted);
        StepProgress first = run.StartStep(3, "wait", "heat to 550 degC " + Markup);
        run.Mode(1);
        run.Housekeeping(60, 550);

        using var browser = new HeadlessChromium();
        browser.Driver.Navigate().GoToUrl(server.Url);
        browser.Until(d => d.FindElement(By.TagName("body")).GetAttribute("data-ready") == "true", "the page took its snapshot", cancellationToken);
        int before = Points(browser);
        Assert.That(before, Is.EqualTo(60));
        Assert.That(CurrentState(browser), Is.EqualTo("Executing"));

        Assert.That(Heading(browser, "TC1_TEMP"), Does.Contain("Δ yellow 5 red 20 per second"), "the delta limit is named on its chart");
        Assert.That(Heading(browser, "HEATER_POWER"), Does.Contain("limits while MODE = 2"));
        Assert.That(LimitSpans(browser, "HEATER_POWER"), Is.Empty, "a conditional limit is not drawn while its condition does not hold");

        run.Mode(2);
        run.Housekeeping(60, 550);
        browser.Until(_ => Points(browser) > before, "the TC1 trace grew", cancellationToken);
        browser.Until(_ => LimitSpans(browser, "HEATER_POWER") is { Length: > 0 }, "the conditional limit's span appeared", cancellationToken);
        Assert.That(LimitSpans(browser, "HEATER_POWER"), Does.Match(@"^[0-9.]+-Infinity$"), "drawn from the MODE sample that made it hold, onwards");

        run.Verdict("1", "TC1 residual at 550 degC", 0.21, UsocHil.Expectations.Verdict.Marginal, 0.09);
        run.Event("ST[05] 0x0201", "warning", Markup);
        run.Command("SET_SETPOINT", succeeded: false, failure: Markup);
        run.FinishStep(first);
        run.MoveTo(RunState.Executing, RunTrigger.StepCompleted);
        StepProgress second = run.StartStep(3, "sample", "sample at 550 degC");
        run.Housekeeping(40, 560);
        browser.Until(d => d.FindElements(By.CssSelector("#verdicts tbody tr")).Count == 1, "the verdict appeared", cancellationToken);
        IWebElement verdict = browser.Driver.FindElement(By.CssSelector("#verdicts tbody tr"));
        Assert.That(verdict.Text, Does.Contain("Marginal").And.Contain("TC1 residual at 550 degC"));
        Assert.That(verdict.Text, Does.Contain("TC1_TEMP").And.Contain("[−∞, 0.300]").And.Contain("4 samples"), "the judged result's parameters, bounds and evidence");
        browser.Until(d => d.FindElements(By.CssSelector("#events tbody tr")).Count >= 1, "the event appeared", cancellationToken);
        Assert.That(browser.Driver.FindElement(By.CssSelector("#events tbody")).Text, Does.Contain(Markup));
        Assert.That(browser.Driver.FindElement(By.CssSelector("#commands tbody")).Text, Does.Contain("failed: " + Markup));
        Assert.That(browser.Driver.FindElement(By.CssSelector("#steps tbody")).Text, Does.Contain(Markup));
        Assert.That(browser.Script("return document.querySelectorAll('img').length"), Is.EqualTo(0L), "device text was rendered as markup");
        Assert.That(browser.Driver.FindElement(By.Id("progress")).Text, Does.Contain("step 2 of 3").And.Contain("remaining"));

        run.FinishStep(second);
        run.MoveTo(RunState.Verifying, RunTrigger.StepCompleted);
        browser.Until(_ => CurrentState(browser) == "Verifying", "the highlighted state moved to Verifying", cancellationToken);
        browser.Screenshot("monitor-running");

        Assert.That(browser.Driver.FindElement(By.Id("abort")).Enabled, Is.False, "abort without a token must be impossible");
        browser.Driver.FindElement(By.Id("abort-token")).SendKeys("WRONG-TOKEN");
        browser.Driver.FindElement(By.Id("abort")).Click();
        browser.Driver.FindElement(By.Id("abort-yes")).Click();
        browser.Until(d => d.FindElement(By.Id("abort-result")).Text.Contains("403", StringComparison.Ordinal), "a wrong token was refused", cancellationToken);
        Assert.That(aborts, Is.Zero);

        browser.Driver.FindElement(By.Id("abort-token")).Clear();
        browser.Driver.FindElement(By.Id("abort-token")).SendKeys(server.AbortToken);
        browser.Driver.FindElement(By.Id("abort")).Click();
        Assert.That(aborts, Is.Zero, "the first click only asks for confirmation");
        browser.Driver.FindElement(By.Id("abort-yes")).Click();
        browser.Until(_ => CurrentState(browser) == "Aborted", "the run ended aborted", cancellationToken);
        Assert.That(aborts, Is.EqualTo(1));
        Assert.That(browser.Driver.FindElement(By.Id("state")).Text, Is.EqualTo("Aborted"));
        Assert.That(browser.Driver.FindElement(By.Id("progress")).Text, Does.Contain("Aborted"));
        browser.Screenshot("monitor-aborted");
    }

    private static int Points(HeadlessChromium browser) =>
        int.TryParse(browser.Driver.FindElement(By.CssSelector(".trace[data-parameter='TC1_TEMP']")).GetAttribute("data-points"), out int n) ? n : 0;

    private static string Heading(HeadlessChromium browser, string parameter) =>
        browser.Driver.FindElement(By.CssSelector($".trace[data-parameter='{parameter}'] h3")).Text;

    private static string LimitSpans(HeadlessChromium browser, string parameter) =>
        browser.Driver.FindElement(By.CssSelector($".trace[data-parameter='{parameter}']")).GetAttribute("data-limit-spans") ?? "";

    private static string? CurrentState(HeadlessChromium browser) =>
        browser.Driver.FindElements(By.CssSelector("#graph .node.current")).SingleOrDefault()?.GetAttribute("data-state");
}
