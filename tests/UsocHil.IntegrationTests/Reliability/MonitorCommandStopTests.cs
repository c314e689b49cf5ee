using UsocHil.Results;

namespace UsocHil.IntegrationTests.Reliability;

/// <summary>
/// <c>usoc-hil monitor</c> says "Ctrl-C to stop": Ctrl-C, SIGTERM, a hang-up and SIGQUIT each stop it within seconds
/// with one line naming the signal and exit 0 (it used to ignore them: the web host took them for itself). A bad
/// <c>--listen</c> or a port in use is a usage error (exit 2) in one line.
/// </summary>
[NonParallelizable]
public sealed class MonitorCommandStopTests
{
    private string _directory = null!;
    private string _archive = null!;

    [SetUp]
    public async Task SetUp()
    {
        _directory = Directory.CreateTempSubdirectory("usoc-hil-monitor-stop-").FullName;
        _archive = Path.Combine(_directory, "results.db");
        await using ResultsArchive archive = await ResultsArchive.OpenAsync(_archive, TimeProvider.System, TestLog.Silent, CancellationToken.None);
    }

    [TearDown]
    public void TearDown() => Directory.Delete(_directory, recursive: true);

    [TestCase("INT")]
    [TestCase("TERM")]
    [TestCase("HUP")]
    [TestCase("QUIT")]
    [CancelAfter(60_000)]
    public async Task Monitor_Signal_StopsWithOneLineAndExit0(string signal, CancellationToken cancellationToken)
    {
        await using RunningCli monitor = UsocHilProcess.Start(_directory, ["monitor", "--results", _archive, "--listen", "127.0.0.1:0"]);
        await monitor.WaitForOutputAsync("Ctrl-C to stop", cancellationToken);

        await UsocHilProcess.SignalAsync(monitor.Process.Id, signal, cancellationToken);
        using var within = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        within.CancelAfter(TimeSpan.FromSeconds(10));
        CliProcessResult result;
        try
        {
            result = await monitor.WaitForExitAsync(within.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            Assert.Fail($"usoc-hil monitor still running 10 s after SIG{signal}; stdout: {monitor.Output.Trim()} | stderr: {monitor.Error.Trim()}");
            return;
        }


        Assert.That(result.ExitCode, Is.Zero, result.Describe());
        Assert.That(result.Stderr.Trim(), Is.EqualTo($"usoc-hil monitor: stopped (SIG{signal})"), result.Describe());
        ReliabilityRecord.Write("fault injection", $"SIG{signal} to `usoc-hil monitor`", 1, "stopped within 10 s, one line naming the signal, exit 0");
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task Monitor_BadListenOrPortInUse_IsAUsageErrorInOneLine(CancellationToken cancellationToken)
    {
        CliProcessResult bad = await UsocHilProcess.RunAsync(_directory, ["monitor", "--results", _archive, "--listen", "127.0.0.1:99999"], cancellationToken);

        using var taken = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        taken.Start();
        int port = ((System.Net.IPEndPoint)taken.LocalEndpoint).Port;
        CliProcessResult busy = await UsocHilProcess.RunAsync(_directory, ["monitor", "--results", _archive, "--listen", $"127.0.0.1:{port}"], cancellationToken);

        Assert.That((bad.ExitCode, busy.ExitCode), Is.EqualTo((2, 2)), bad.Describe() + busy.Describe());
        Assert.That(bad.Stderr.Trim(), Does.StartWith("usoc-hil: --listen:").And.Contain("99999").And.Not.Contain("\n"));
        Assert.That(busy.Stderr.Trim(), Does.StartWith("usoc-hil: --listen:").And.Contain("in use").And.Not.Contain("\n"));
        ReliabilityRecord.Write("bad input", "`usoc-hil monitor --listen` with a port out of range, then a port in use", 2, "exit 2, one line naming --listen");
    }
}
