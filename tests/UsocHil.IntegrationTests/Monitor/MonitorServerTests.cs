using System.Net;
using System.Text.Json;
using UsocHil.Monitor;
using UsocHil.Sequencing;

namespace UsocHil.IntegrationTests.Monitor;

/// <summary>The monitor on real Kestrel at 127.0.0.1:0, fed by a synthetic run, read by plain HTTP clients.</summary>
public sealed class MonitorServerTests
{
    private static MonitorOptions Options(Func<Task>? abort = null) => new()
    {
        Endpoint = new IPEndPoint(IPAddress.Loopback, 0),
        Rig = new UsocHil.Description.RigDefinition
        {
            Name = "furnace-em", Apid = 0x123, Dictionary = new(),
            Limits = [new UsocHil.Description.LimitDefinition { Parameter = "TC1_TEMP", Yellow = [0, 1000], Red = [-20, 1040] }],
        },
        RequestAbort = abort,
    };

    [Test]
    [CancelAfter(20_000)]
    public async Task EventStream_SyntheticRun_ClientReceivesSnapshotThenUpdates(CancellationToken cancellationToken)
    {
        await using MonitorServer server = await MonitorServer.StartAsync(Options(), TestLog.Silent, cancellationToken);
        var run = new SyntheticRun(server.Observer!);
        run.Start(stepCount: 2);
        run.MoveTo(RunState.PoweringUp, RunTrigger.StepCompleted);

        await server.Broadcaster!.DrainedAsync(); // reports reach pages a frame later; this page joins after them
        await using SseClient client = await SseClient.ConnectAsync(new Uri(server.Url, "api/runs/live/events"), cancellationToken);
        JsonElement snapshot = await client.WaitForAsync("snapshot", cancellationToken);
        Assert.That(snapshot.GetProperty("state").GetString(), Is.EqualTo("PoweringUp"));
        Assert.That(snapshot.GetProperty("limits")[0].GetProperty("parameter").GetString(), Is.EqualTo("TC1_TEMP"));
        Assert.That(snapshot.GetProperty("graph").GetProperty("states").EnumerateArray().Select(s => s.GetProperty("name").GetString()), Does.Contain("Safing"));

        run.MoveTo(RunState.SelfTest, RunTrigger.StepCompleted);
        JsonElement transition = await client.WaitForAsync("transition", cancellationToken);
        Assert.That(transition.GetProperty("to").GetString(), Is.EqualTo("SelfTest"));

        run.Housekeeping(5, 500);
        JsonElement telemetry = await client.WaitForAsync("telemetry", t => t.EnumerateArray().Any(p => p.GetProperty("p").GetString() == "TC1_TEMP"), cancellationToken);
        Assert.That(telemetry[0].GetProperty("t").GetDouble(), Is.GreaterThan(0));

        run.Verdict("1", "TC1 residual", 0.12, UsocHil.Expectations.Verdict.Pass, 0.18);
        JsonElement verdict = await client.WaitForAsync("measurement", cancellationToken);
        Assert.That(verdict.GetProperty("verdict").GetString(), Is.EqualTo("Pass"));
        Assert.That(verdict.GetProperty("margin").GetDouble(), Is.EqualTo(0.18));
    }

    [Test]
    [CancelAfter(20_000)]
    public async Task EventStream_LateJoiner_SnapshotHoldsStepsVerdictsEventsAndTelemetry(CancellationToken cancellationToken)
    {
        await using MonitorServer server = await MonitorServer.StartAsync(Options(), TestLog.Silent, cancellationToken);
        var run = new SyntheticRun(server.Observer!);
        run.Start(stepCount: 3);
        run.MoveTo(RunState.Executing, RunTrigger.StepCompleted);
        var step = run.StartStep(3, "wait", "settle at 200 degC");
        run.Housekeeping(30, 200);
        run.Verdict("1", "TC1 residual", 0.5, UsocHil.Expectations.Verdict.Fail, -0.2);
        run.Event("device", "warning", "TC2 drift");
        run.Command("SET_SETPOINT", succeeded: true);
        run.FinishStep(step);

        await server.Broadcaster!.DrainedAsync(); // reports reach pages a frame later; this page joins after them
        await using SseClient client = await SseClient.ConnectAsync(new Uri(server.Url, "api/runs/live/events"), cancellationToken);
        JsonElement snapshot = await client.WaitForAsync("snapshot", s => s.GetProperty("commands").GetArrayLength() == 1, cancellationToken);

        Assert.That(snapshot.GetProperty("state").GetString(), Is.EqualTo("Executing"));
        Assert.That(snapshot.GetProperty("telemetry").GetProperty("TC1_TEMP").GetProperty("t").GetArrayLength(), Is.EqualTo(30));
        Assert.That(snapshot.GetProperty("steps")[0].GetProperty("status").GetString(), Is.EqualTo("Passed"));
        Assert.That(snapshot.GetProperty("measurements")[0].GetProperty("verdict").GetString(), Is.EqualTo("Fail"));
        Assert.That(snapshot.GetProperty("events")[0].GetProperty("message").GetString(), Is.EqualTo("TC2 drift"));
        Assert.That(snapshot.GetProperty("commands")[0].GetProperty("completionMs").GetDouble(), Is.EqualTo(310));
    }

    [Test]
    [CancelAfter(20_000)]
    public async Task Abort_WithoutOrWithWrongToken_Is403AndRunGoesOn_WithTokenHeader_CallsTheAbortOnce(CancellationToken cancellationToken)
    {
        int aborts = 0;
        await using MonitorServer server = await MonitorServer.StartAsync(Options(() => { Interlocked.Increment(ref aborts); return Task.CompletedTask; }), TestLog.Silent, cancellationToken);
        using var http = new HttpClient();
        var abortUrl = new Uri(server.Url, "api/abort");

        using HttpResponseMessage none = await http.PostAsync(abortUrl, null, cancellationToken);
        using var wrongRequest = new HttpRequestMessage(HttpMethod.Post, abortUrl) { Headers = { { "X-Abort-Token", "NOT-THE-TOKEN" } } };
        using HttpResponseMessage wrong = await http.SendAsync(wrongRequest, cancellationToken);
        Assert.That(none.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That(wrong.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That(aborts, Is.Zero);

        using var rightRequest = new HttpRequestMessage(HttpMethod.Post, abortUrl) { Headers = { { "X-Abort-Token", server.AbortToken } } };
        using HttpResponseMessage accepted = await http.SendAsync(rightRequest, cancellationToken);
        Assert.That(accepted.StatusCode, Is.EqualTo(HttpStatusCode.Accepted));
        Assert.That(aborts, Is.EqualTo(1));
    }

    [Test]
    [CancelAfter(20_000)]
    public async Task Abort_ReadOnlyMonitor_RefusesEvenTheRightToken(CancellationToken cancellationToken)
    {
        await using MonitorServer server = await MonitorServer.StartAsync(Options(abort: null), TestLog.Silent, cancellationToken);
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(server.Url, "api/abort")) { Headers = { { "X-Abort-Token", server.AbortToken } } };
        using HttpResponseMessage response = await http.SendAsync(request, cancellationToken);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
    }

    [Test]
    [CancelAfter(20_000)]
    public async Task Page_IsServedWithTheEmbeddedChartLibraryAndNoExternalReference(CancellationToken cancellationToken)
    {
        await using MonitorServer server = await MonitorServer.StartAsync(Options(), TestLog.Silent, cancellationToken);
        using var http = new HttpClient();
        string page = await http.GetStringAsync(server.Url, cancellationToken);
        string uplot = await http.GetStringAsync(new Uri(server.Url, "assets/vendor/uPlot.iife.min.js"), cancellationToken);
        string app = await http.GetStringAsync(new Uri(server.Url, "assets/app.js"), cancellationToken);

        Assert.That(page, Does.Contain("/assets/vendor/uPlot.iife.min.js").And.Not.Contain("http://").And.Not.Contain("https://"));
        Assert.That(uplot, Does.Contain("uPlot"));
        Assert.That(app, Does.Not.Contain("innerHTML"));
    }
}
