using System.Text.RegularExpressions;
using UsocHil.Cli.Results;
using UsocHil.IntegrationTests.Results;
using UsocHil.IntegrationTests.Support;
using UsocHil.Reporting;
using UsocHil.Results;
using UsocHil.Description;

namespace UsocHil.IntegrationTests.Reporting;

/// <summary>
/// The HTML report of a furnace calibration opened in headless Chromium (Debian's): every image must load, nothing the
/// device sent may become markup, and a screenshot is kept under TestResults for a person to look at.
/// </summary>
public sealed partial class HtmlReportChromiumTests
{
    private const string Hostile = "<script>alert(1)</script><b>x</b><img src=x onerror=alert(2)>";

    /// <summary>Appended to a copy of the report (with the page's script ban lifted) to write what the browser saw into the DOM.</summary>
    private const string Probe = """
        <script>
        window.addEventListener('load', () => {
          const imgs = [...document.images];
          const ok = imgs.filter(i => i.complete && i.naturalWidth > 0).length;
          document.body.setAttribute('data-probe', `images=${imgs.length};loaded=${ok};scripts=${document.scripts.length};bolds=${document.getElementsByTagName('b').length}`);
        });
        </script>
        """;

    [GeneratedRegex("data-probe=\"images=(\\d+);loaded=(\\d+);scripts=(\\d+);bolds=(\\d+)\"")]
    private static partial Regex ProbeResult();

    [Test]
    [CancelAfter(180_000)]
    public async Task Report_FurnaceCalibration_ImagesLoadDeviceTextInertScreenshotSaved(CancellationToken ct)
    {
        string dir = TestDirectories.Create("it");
        RigDefinition rig = ConfigJson.Read<RigDefinition>(TestRigs.FurnaceFile);
        RunRecord run;
        string copy = Path.Combine(dir, "results.db");
        long id = await EngineArchive.CopyAsync("calibrate-thermocouples", copy, ct);
        await using (ResultsArchive archive = await ResultsArchive.OpenAsync(copy, TimeProvider.System, Serilog.Core.Logger.None, ct))
        {
            run = await archive.ReadRunAsync(id, ct);
        }

        // What a hostile unit could report as its serial and in an event, added to the engine's record as read.
        run = run with
        {
            Summary = run.Summary with { Header = run.Summary.Header with { UnitSerial = Hostile } },
            Events = [.. run.Events, new EventRow(run.Summary.StartedRig, 1, Hostile, "info", Hostile)],
        };

        string report = await HtmlReport.WriteAsync(run, rig, dir, ct);
        string written = await File.ReadAllTextAsync(report, ct);
        int expectedImages = Regex.Count(written, "<img alt=\"[^\"]*\" src=\"data:image/png;base64,");
        Assert.That(expectedImages, Is.GreaterThanOrEqualTo((run.Calibrations.Count * 2) + 1), "a fit and a residual plot per calibration, and telemetry");

        // One browser launch (each costs seconds): a copy of the report with its script ban lifted and a probe added,
        // so that escaping alone, not the content security policy, must keep the device text inert.
        string shots = Path.Combine(RepositoryPaths.Root, "TestResults", "reports");
        Directory.CreateDirectory(shots);
        string screenshot = Path.Combine(shots, "furnace-calibration-report.png");
        File.Delete(screenshot);
        string probed = Path.Combine(dir, "probed.html");
        string html = await File.ReadAllTextAsync(report, ct);
        Assert.That(html, Does.Contain("Content-Security-Policy"));
        html = Regex.Replace(html, "<meta http-equiv=\"Content-Security-Policy\"[^>]*>", "").Replace("</body>", Probe + "</body>");
        await File.WriteAllTextAsync(probed, html, ct);

        string dom = await ChromiumAsync(dir, ["--virtual-time-budget=10000", "--dump-dom", $"--screenshot={screenshot}", "--window-size=1280,2000", new Uri(probed).AbsoluteUri], ct);

        Match result = ProbeResult().Match(dom);
        Assert.That(result.Success, Is.True, "the probe did not run");
        Assert.That(int.Parse(result.Groups[1].Value), Is.EqualTo(expectedImages));
        Assert.That(int.Parse(result.Groups[2].Value), Is.EqualTo(expectedImages), "images that failed to load");
        Assert.That(int.Parse(result.Groups[3].Value), Is.EqualTo(1), "scripts besides the probe");
        Assert.That(int.Parse(result.Groups[4].Value), Is.Zero, "<b> elements from device text");
        Assert.That(Regex.Count(dom, "<script"), Is.EqualTo(1));
        Assert.That(dom, Does.Not.Contain("<b>"));
        Assert.That(dom, Does.Contain("&lt;script&gt;alert(1)&lt;/script&gt;&lt;b&gt;x&lt;/b&gt;&lt;img src=x onerror=alert(2)&gt;"));
        Assert.That(new FileInfo(screenshot).Length, Is.GreaterThan(50_000));
        File.Copy(report, Path.Combine(shots, "furnace-calibration-report.html"), overwrite: true);
        TestContext.Out.WriteLine($"screenshot: {screenshot}");
        Directory.Delete(dir, recursive: true);
    }

    private static async Task<string> ChromiumAsync(string dir, string[] args, CancellationToken ct)
    {
        string profile = Path.Combine(dir, "chromium-" + Guid.NewGuid().ToString("N"));
        string[] common =
        [
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
            "--disable-sync", "--no-first-run", $"--user-data-dir={profile}",
        ];
        var (exit, output, err) = await PythonProcess.RunAsync("/usr/bin/chromium", [.. common, .. args], null, ct);
        Assert.That(exit, Is.Zero, err);
        return output;
    }
}
