using OpenQA.Selenium;
using OpenQA.Selenium.Chrome;
using OpenQA.Selenium.Support.UI;

namespace UsocHil.IntegrationTests.Monitor;

/// <summary>Debian's chromium driven headless through its chromedriver, with a throw-away profile and no background traffic.</summary>
internal sealed class HeadlessChromium : IDisposable
{
    private readonly string _profile = Directory.CreateTempSubdirectory("usoc-hil-chromium-").FullName;

    public HeadlessChromium()
    {
        // Never let Selenium Manager look for (or download) a browser or driver: Debian's are the ones under test.
        Environment.SetEnvironmentVariable("SE_OFFLINE", "true");
        var service = ChromeDriverService.CreateDefaultService("/usr/bin", "chromedriver");
        service.HideCommandPromptWindow = true;
        service.SuppressInitialDiagnosticInformation = true;
        var options = new ChromeOptions { BinaryLocation = "/usr/bin/chromium" };
        options.SetLoggingPreference(LogType.Browser, LogLevel.All);
        options.AddArguments(
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
            "--disable-sync", "--no-first-run", "--disable-dev-shm-usage", "--window-size=1400,2000", $"--user-data-dir={_profile}");
        Driver = new ChromeDriver(service, options, TimeSpan.FromSeconds(30));
    }

    public ChromeDriver Driver { get; }

    public static string ScreenshotDirectory => RepositoryPaths.TryFindRoot() is null
        ? Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "TestResults", "monitor")).FullName
        : RepositoryPaths.TestResults("monitor");

    /// <summary>Waits (polling the page) until <paramref name="condition"/> holds, failing with <paramref name="what"/>.</summary>
    public void Until(Func<IWebDriver, bool> condition, string what, CancellationToken cancellationToken)
    {
        var wait = new WebDriverWait(Driver, TimeSpan.FromSeconds(15)) { Message = what, PollingInterval = TimeSpan.FromMilliseconds(50) };
        wait.IgnoreExceptionTypes(typeof(StaleElementReferenceException), typeof(NoSuchElementException));
        try
        {
            wait.Until(d =>
            {
                cancellationToken.ThrowIfCancellationRequested();
                return condition(d);
            });
        }
        catch (WebDriverTimeoutException)
        {
            Screenshot("failed-" + TestContext.CurrentContext.Test.MethodName);
            foreach (LogEntry entry in Driver.Manage().Logs.GetLog(LogType.Browser))
            {
                TestContext.Out.WriteLine($"browser: {entry.Level} {entry.Message}");
            }

            throw;
        }
    }

    public object? Script(string script) => Driver.ExecuteScript(script);

    public string Screenshot(string name)
    {
        string path = Path.Combine(ScreenshotDirectory, name + ".png");
        Driver.GetScreenshot().SaveAsFile(path);
        TestContext.Out.WriteLine($"screenshot: {path}");
        return path;
    }

    public void Dispose()
    {
        Driver.Quit();
        Driver.Dispose();
        try
        {
            Directory.Delete(_profile, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
