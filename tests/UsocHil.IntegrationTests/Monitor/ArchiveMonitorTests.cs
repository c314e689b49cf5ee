using System.Net;
using System.Text.Json;
using UsocHil.Expectations;
using UsocHil.Monitor;
using UsocHil.Results;

namespace UsocHil.IntegrationTests.Monitor;

/// <summary>The archive monitor over a real SQLite archive: a finished run shows the same views, a recording run grows live.</summary>
public sealed class ArchiveMonitorTests
{
    private string _directory = null!;

    [SetUp]
    public void SetUp() => _directory = Directory.CreateTempSubdirectory("usoc-hil-monitor-archive-").FullName;

    [TearDown]
    public void TearDown() => Directory.Delete(_directory, recursive: true);

    [Test]
    [CancelAfter(30_000)]
    public async Task StartArchiveAsync_RecordedRuns_ListedAndReplayedAndARunningOneFollowed(CancellationToken cancellationToken)
    {
        string path = Path.Combine(_directory, "results.db");
        await using ResultsArchive archive = await ResultsArchive.OpenAsync(path, TimeProvider.System, TestLog.Silent, cancellationToken);
        var header = new RunHeader { Rig = "furnace-em", Sequence = "calibrate-thermocouples" };

        RunRecorder finished = await archive.BeginRunAsync(header, TimeProvider.System, cancellationToken);
        await finished.RecordTransitionAsync("Idle", "Connecting", "Start", cancellationToken);
        await finished.RecordStepStartedAsync(0, "heat to 200 degC <b>", "wait", cancellationToken);
        DateTimeOffset now = TimeProvider.System.GetUtcNow();
        for (int i = 0; i < 10; i++)
        {
            await finished.RecordTelemetryAsync(now.AddSeconds(i), "TC1_TEMP", 20 + i, cancellationToken);
        }

        await finished.RecordMeasurementAsync(new JudgedResult
        {
            Expectation = "TC1 residual", Parameters = ["TC1_TEMP"], Verdict = Verdict.Pass, Measured = 0.1, Unit = "K", Margin = 0.2, High = 0.3,
        }, cancellationToken);
        await finished.RecordEventAsync(now, 0x201, "OVERTEMP", "warning", "<img src=x>", cancellationToken);
        await finished.RecordStepEndedAsync(0, "passed", null, cancellationToken);
        await finished.RecordTransitionAsync("Connecting", "Failed", "LinkLost", cancellationToken);
        await finished.FinishAsync(UsocHil.Results.ArchivedOutcome.Failed, cancellationToken);

        await using RunRecorder running = await archive.BeginRunAsync(header, TimeProvider.System, cancellationToken);
        await running.RecordTransitionAsync("Idle", "Connecting", "Start", cancellationToken);
        await running.FlushAsync(cancellationToken);

        await using MonitorServer server = await MonitorServer.StartArchiveAsync(new IPEndPoint(IPAddress.Loopback, 0), archive, TimeProvider.System, TestLog.Silent, cancellationToken);
        using var http = new HttpClient();
        using JsonDocument runs = JsonDocument.Parse(await http.GetStringAsync(new Uri(server.Url, "api/runs"), cancellationToken));
        Assert.That(runs.RootElement.GetArrayLength(), Is.EqualTo(2));
        Assert.That(runs.RootElement[1].GetProperty("live").GetBoolean(), Is.True);

        string finishedId = runs.RootElement[0].GetProperty("id").GetString()!;
        await using (SseClient client = await SseClient.ConnectAsync(new Uri(server.Url, $"api/runs/{finishedId}/events"), cancellationToken))
        {
            JsonElement snapshot = await client.WaitForAsync("snapshot", cancellationToken);
            Assert.That(snapshot.GetProperty("state").GetString(), Is.EqualTo("Failed"));
            Assert.That(snapshot.GetProperty("finished").GetProperty("outcome").GetString(), Is.EqualTo("Failed"));
            Assert.That(snapshot.GetProperty("telemetry").GetProperty("TC1_TEMP").GetProperty("t").GetArrayLength(), Is.EqualTo(10));
            Assert.That(snapshot.GetProperty("measurements")[0].GetProperty("verdict").GetString(), Is.EqualTo("Pass"));
            Assert.That(snapshot.GetProperty("events")[0].GetProperty("message").GetString(), Is.EqualTo("OVERTEMP: <img src=x>"));
            Assert.That(snapshot.GetProperty("steps")[0].GetProperty("status").GetString(), Is.EqualTo("Passed"));
            Assert.That(snapshot.GetProperty("abortAvailable").GetBoolean(), Is.False);
        }

        string runningId = runs.RootElement[1].GetProperty("id").GetString()!;
        await using SseClient follower = await SseClient.ConnectAsync(new Uri(server.Url, $"api/runs/{runningId}/events"), cancellationToken);
        JsonElement first = await follower.WaitForAsync("snapshot", cancellationToken);
        Assert.That(first.GetProperty("state").GetString(), Is.EqualTo("Connecting"));
        await running.RecordTransitionAsync("Connecting", "PoweringUp", "StepCompleted", cancellationToken);
        await running.FlushAsync(cancellationToken);
        JsonElement moved = await follower.WaitForAsync("transition", cancellationToken);
        Assert.That(moved.GetProperty("to").GetString(), Is.EqualTo("PoweringUp"));

        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(server.Url, "api/abort")) { Headers = { { "X-Abort-Token", server.AbortToken } } };
        using HttpResponseMessage refused = await http.SendAsync(request, cancellationToken);
        Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden), "the archive monitor is read-only");
    }
}
