using System.Diagnostics;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using OpenQA.Selenium;
using UsocHil.IntegrationTests.Runs;
using UsocHil.Results;

namespace UsocHil.IntegrationTests.Monitor;

/// <summary>
/// <c>usoc-hil run furnace-em certify --monitor 127.0.0.1:0</c> with nobody at a terminal: the monitor offers the
/// prompt; an answer, a hold or a resume without the abort token is refused with 403; with it the prompt is answered,
/// the run held and resumed, each recorded with the operator's name, the page's address and the time.
/// </summary>
public sealed partial class MonitorPromptTests
{
    [Test]
    [CancelAfter(120_000)]
    public async Task RunWithMonitor_PromptAnsweredWithTheToken_IsRecordedAndWithoutItRefused(CancellationToken cancellationToken)
    {
        using var station = TemporaryStation.EmulatedFurnace(seed: 3, timeScale: 400);
        using Process process = StartCertify(station, out Task<string> stderr);
        try
        {
            (Uri url, string token, Task<string> drainOutput) = await ReadBannerAsync(process, stderr, cancellationToken);
            using var http = new HttpClient { BaseAddress = url };

            JsonElement prompt = await PollAsync(http, "api/prompt", p => true, cancellationToken);
            Assert.That(prompt.GetProperty("step").GetString(), Is.EqualTo("1"));
            Assert.That(prompt.GetProperty("message").GetString(), Does.StartWith("Furnace empty, door closed"));
            Assert.That(prompt.GetProperty("next").GetString(), Does.StartWith("step 2 set"));

            Assert.That(await PostAsync(http, "api/prompt/confirm", null, cancellationToken), Is.EqualTo(HttpStatusCode.Forbidden), "no token");
            Assert.That(await PostAsync(http, "api/prompt/confirm", "WRONGTOKEN23", cancellationToken), Is.EqualTo(HttpStatusCode.Forbidden), "wrong token");
            Assert.That(await PostAsync(http, "api/hold", null, cancellationToken), Is.EqualTo(HttpStatusCode.Forbidden), "hold without token");
            Assert.That(await PostAsync(http, "api/prompt/confirm?step=7", token, cancellationToken), Is.EqualTo(HttpStatusCode.Conflict), "no prompt at step 7");
            Assert.That(await PostAsync(http, "api/hold", token, cancellationToken), Is.EqualTo(HttpStatusCode.Accepted));
            Assert.That(await PostAsync(http, "api/prompt/confirm?step=1", token, cancellationToken), Is.EqualTo(HttpStatusCode.Accepted));

            await PollAsync(http, "api/runs/live/snapshot", s => s.GetProperty("state").GetString() == "Held", cancellationToken);
            Assert.That(await PostAsync(http, "api/resume", null, cancellationToken), Is.EqualTo(HttpStatusCode.Forbidden), "resume without token");
            Assert.That(await PostAsync(http, "api/resume", token, cancellationToken), Is.EqualTo(HttpStatusCode.Accepted));
            await PollAsync(http, "api/runs/live/snapshot", s => s.GetProperty("state").GetString() != "Held", cancellationToken);
            Assert.That(await PostAsync(http, "api/abort", token, cancellationToken), Is.EqualTo(HttpStatusCode.Accepted));

            await process.WaitForExitAsync(cancellationToken);
            await drainOutput;
            Assert.That(process.ExitCode, Is.EqualTo(130), await stderr);
            RunRecord record = await OperatorPromptTests.CertifyRecordAsync(station, cancellationToken);
            string[] said = [.. record.Events.Where(e => e.Name == "operator").Select(e => e.Data ?? "")];
            TestContext.Out.WriteLine(string.Join("\n", said));
            Assert.That(said, Has.Some.Match(@"^prompt at step 1 "".*"": confirmed by bob at the monitor page \(127\.0\.0\.1\) at \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$"));
            Assert.That(said, Has.Some.StartWith("hold requested by bob at the monitor page (127.0.0.1) at "));
            Assert.That(said, Has.Some.StartWith("resumed by bob at the monitor page (127.0.0.1) at "));
            using JsonDocument last = JsonDocument.Parse(File.ReadLines(station.TruthFile).Last(l => l.Length > 0));
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

    [Test]
    [CancelAfter(120_000)]
    public async Task RunWithMonitor_PageAnswersThePromptWithTheToken_AndIsRefusedWithAWrongOne(CancellationToken cancellationToken)
    {
        using var station = TemporaryStation.EmulatedFurnace(seed: 4, timeScale: 400);
        using Process process = StartCertify(station, out Task<string> stderr);
        try
        {
            (Uri url, string token, Task<string> drainOutput) = await ReadBannerAsync(process, stderr, cancellationToken);
            using var http = new HttpClient { BaseAddress = url };
            await PollAsync(http, "api/prompt", _ => true, cancellationToken);

            using var browser = new HeadlessChromium();
            browser.Driver.Navigate().GoToUrl(url);
            browser.Until(d => d.FindElement(By.TagName("body")).GetAttribute("data-ready") == "true", "the page took its snapshot", cancellationToken);
            browser.Until(d => d.FindElement(By.Id("prompt")).Displayed, "the prompt is shown", cancellationToken);
            Assert.That(browser.Driver.FindElement(By.Id("prompt-message")).Text, Does.StartWith("Furnace empty, door closed"));
            browser.Driver.FindElement(By.Id("abort-token")).SendKeys("WRONGTOKEN23");
            browser.Driver.FindElement(By.Id("prompt-confirm")).Click();
            browser.Until(d => d.FindElement(By.Id("operator-result")).Text.Contains("refused (403)", StringComparison.Ordinal), "a wrong token is refused", cancellationToken);
            browser.Screenshot("monitor-prompt-refused");
            browser.Driver.FindElement(By.Id("abort-token")).Clear();
            browser.Driver.FindElement(By.Id("abort-token")).SendKeys(token);
            browser.Driver.FindElement(By.Id("prompt-confirm")).Click();
            browser.Until(d => d.FindElement(By.Id("operator-result")).Text == "confirm accepted", "the answer is accepted", cancellationToken);
            browser.Until(d => !d.FindElement(By.Id("prompt")).Displayed, "the prompt is closed once answered", cancellationToken);
            browser.Screenshot("monitor-prompt-answered");
            Assert.That(await PostAsync(http, "api/abort", token, cancellationToken), Is.EqualTo(HttpStatusCode.Accepted));

            await process.WaitForExitAsync(cancellationToken);
            await drainOutput;
            Assert.That(process.ExitCode, Is.EqualTo(130), await stderr);
            RunRecord record = await OperatorPromptTests.CertifyRecordAsync(station, cancellationToken);
            Assert.That(record.Events.Where(e => e.Name == "operator").Select(e => e.Data),
                Has.Some.Match(@"confirmed by bob at the monitor page \(127\.0\.0\.1\) at "));
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
    }

    /// <summary>certify with the monitor on an ephemeral loopback port, nobody at a terminal (standard input closed).</summary>
    private static Process StartCertify(TemporaryStation station, out Task<string> stderr)
    {
        ProcessStartInfo start = UsocHilProcess.StartInfo(
            ["run", TestRigs.FurnaceName, "certify", "--monitor", "127.0.0.1:0", "--truth", station.TruthFile, "--operator", "bob"], station.Directory);
        start.RedirectStandardInput = true;
        Process process = Process.Start(start)!;
        process.StandardInput.Close();
        stderr = process.StandardError.ReadToEndAsync();
        return process;
    }

    private static async Task<(Uri Url, string Token, Task<string> Output)> ReadBannerAsync(Process process, Task<string> stderr, CancellationToken cancellationToken)
    {
        Match banner;
        do
        {
            string line = await process.StandardOutput.ReadLineAsync(cancellationToken) ?? throw new AssertionException("usoc-hil ended before printing the monitor address: " + await stderr);
            banner = MonitorBanner().Match(line);
        }
        while (!banner.Success);

        return (new Uri(banner.Groups["url"].Value), banner.Groups["token"].Value, process.StandardOutput.ReadToEndAsync(cancellationToken));
    }

    private static async Task<HttpStatusCode> PostAsync(HttpClient http, string path, string? token, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path);
        if (token is not null)
        {
            request.Headers.Add("X-Abort-Token", token);
        }

        using HttpResponseMessage response = await http.SendAsync(request, cancellationToken);
        return response.StatusCode;
    }

    /// <summary>GETs <paramref name="path"/> until it answers 200 with JSON that <paramref name="match"/> accepts.</summary>
    private static async Task<JsonElement> PollAsync(HttpClient http, string path, Func<JsonElement, bool> match, CancellationToken cancellationToken)
    {
        while (true)
        {
            using HttpResponseMessage response = await http.GetAsync(path, cancellationToken);
            if (response.StatusCode == HttpStatusCode.OK)
            {
                using JsonDocument json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
                if (match(json.RootElement))
                {
                    return json.RootElement.Clone();
                }
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100), cancellationToken);
        }
    }

    [GeneratedRegex(@"Monitor: (?<url>http://\S+) abort token: (?<token>[A-Z0-9]+)")]
    private static partial Regex MonitorBanner();
}
