using System.Diagnostics;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using OpenQA.Selenium;

namespace UsocHil.IntegrationTests.Monitor;

/// <summary>
/// <c>usoc-hil run furnace-em calibrate-thermocouples --yes --monitor 127.0.0.1:0</c> as a real process on the emulated
/// rig, watched in headless Chromium: the page shows telemetry growing, the current state and a verdict, and its abort (with the printed token) safes the rig
/// (heater and supply off in the emulator's truth) and ends the run aborted with exit code 130.
/// </summary>
public sealed partial class RunMonitorEndToEndTests
{
    [Test]
    [CancelAfter(120_000)]
    public async Task RunWithMonitor_EmulatedCalibration_ShowsTheRunAndAbortWithTokenSafesTheRig(CancellationToken cancellationToken)
    {
        // At 100x the calibration lasts over a minute of wall time: long enough to watch it and abort it.
        using var station = TemporaryStation.EmulatedFurnace(seed: 1, timeScale: 100);
        string root = station.Directory;
        string truth = station.TruthFile;
        ProcessStartInfo start = UsocHilProcess.StartInfo(
            ["--station", Path.Combine(root, "rig-config.json"), "run", "furnace-em", "calibrate-thermocouples", "--yes", "--monitor", "127.0.0.1:0", "--truth", truth], root);
        using Process process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        try
        {
            Match banner;
            do
            {
                string line = await process.StandardOutput.ReadLineAsync(cancellationToken) ?? throw new AssertionException("usoc-hil ended before printing the monitor address: " + await stderr);
                banner = MonitorBanner().Match(line);
            }
            while (!banner.Success);

            var url = new Uri(banner.Groups["url"].Value);
            string token = banner.Groups["token"].Value;
            var drainOutput = process.StandardOutput.ReadToEndAsync(cancellationToken);

            await using SseClient client = await SseClient.ConnectAsync(new Uri(url, "api/runs/live/events"), cancellationToken);
            await client.WaitForAsync("transition", t => t.GetProperty("to").GetString() == "Executing", cancellationToken);

            using var browser = new HeadlessChromium();
            browser.Driver.Navigate().GoToUrl(url);
            browser.Until(d => d.FindElement(By.TagName("body")).GetAttribute("data-ready") == "true", "the page took its snapshot", cancellationToken);
            int before = Points(browser);
            browser.Until(_ => Points(browser) > before, "a telemetry trace grew", cancellationToken);
            string? state = CurrentState(browser);
            browser.Until(d => d.FindElements(By.CssSelector("#verdicts tbody tr")).Count > 0, "a verdict appeared", cancellationToken);
            Assert.That(state, Is.EqualTo("Executing"), "the highlighted state is the run's");
            browser.Screenshot("run-monitor-live");

            using var http = new HttpClient();
            using HttpResponseMessage refused = await http.PostAsync(new Uri(url, "api/abort"), null, cancellationToken);
            Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
            browser.Driver.FindElement(By.Id("abort-token")).SendKeys(token);
            browser.Driver.FindElement(By.Id("abort")).Click();
            browser.Driver.FindElement(By.Id("abort-yes")).Click();
            browser.Until(_ => CurrentState(browser) == "Aborted", "the highlighted state became Aborted", cancellationToken);
            browser.Screenshot("run-monitor-aborted");

            await client.WaitForAsync("transition", t => t.GetProperty("to").GetString() == "Safing", cancellationToken);
            await process.WaitForExitAsync(cancellationToken);
            await drainOutput;
            Assert.That(process.ExitCode, Is.EqualTo(130), await stderr);

            using JsonDocument last = JsonDocument.Parse(File.ReadLines(truth).Last());
            Assert.That(last.RootElement.GetProperty("heaterOn").GetBoolean(), Is.False);
            Assert.That(last.RootElement.GetProperty("supplyOutputOn").GetBoolean(), Is.False);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }

        }
    }

    private static int Points(HeadlessChromium browser) =>
        browser.Driver.FindElements(By.CssSelector(".trace")).Select(t => int.TryParse(t.GetAttribute("data-points"), out int n) ? n : 0).DefaultIfEmpty(0).Max();

    private static string? CurrentState(HeadlessChromium browser) =>
        browser.Driver.FindElements(By.CssSelector("#graph .node.current")).SingleOrDefault()?.GetAttribute("data-state");

    [GeneratedRegex(@"Monitor: (?<url>http://\S+) abort token: (?<token>[A-Z0-9]+)")]
    private static partial Regex MonitorBanner();
}
