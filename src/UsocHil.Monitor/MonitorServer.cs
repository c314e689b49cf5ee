using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using HttpResults = Microsoft.AspNetCore.Http.Results;
using Microsoft.AspNetCore.Connections;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using UsocHil.Results;
using UsocHil.Sequencing;
using UsocHil.Description;
using ILogger = Serilog.ILogger;

namespace UsocHil.Monitor;

/// <summary>
/// The web console: Kestrel on a loopback port serving the embedded page, one server-sent event stream per page and
/// the token-guarded abort. <see cref="StartAsync"/> serves the run of this process (give <see cref="Observer"/> to
/// the run); <see cref="StartArchiveAsync"/> serves the runs of a results archive.
/// </summary>
public sealed class MonitorServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly IRunCatalogue _catalogue;
    private readonly AbortGate _abort;

    private MonitorServer(WebApplication app, IRunCatalogue catalogue, AbortGate abort, MonitorGuards guards, Uri url, RunBroadcaster? live, MonitorConsole? console)
    {
        Console = console;
        _app = app;
        _catalogue = catalogue;
        _abort = abort;
        Guards = guards;
        Url = url;
        Broadcaster = live;
    }

    /// <summary>Where the page is, with the port actually bound (tests ask for port 0).</summary>
    public Uri Url { get; }

    /// <summary>The token the operator types into the page to abort; print it on the console, never in the page.</summary>
    public string AbortToken => _abort.Token;

    /// <summary>The observer to add to the run's observers (null for an archive monitor).</summary>
    public IRunObserver? Observer => Broadcaster;

    /// <summary>The bounds on connections and streams and the refusals counted so far.</summary>
    internal MonitorGuards Guards { get; }

    /// <summary>
    /// The page as an operator console (prompts answered, the run held and resumed, with the abort token); null for a
    /// read-only monitor. Give it to the run host (RunHost.Attend).
    /// </summary>
    public MonitorConsole? Console { get; }

    /// <summary>The live run's broadcaster, also for <see cref="RunBroadcaster.TrackLink"/>.</summary>
    public RunBroadcaster? Broadcaster { get; }

    /// <summary>Serves the run of this process. Abort requests with the right token call <see cref="MonitorOptions.RequestAbort"/>.</summary>
    public static Task<MonitorServer> StartAsync(MonitorOptions options, ILogger log, CancellationToken cancellationToken)
    {
        StateGraph graph = options.MermaidGraph is { } mermaid ? StateGraph.Parse(mermaid) : StateGraph.Default;
        var broadcaster = new RunBroadcaster(LiveRunCatalogue.LiveId, true, graph, Limits(options.Rig), options.Time, log)
        {
            AbortAvailable = options.RequestAbort is not null,
        };
        return StartAsync(options, new LiveRunCatalogue(broadcaster, options.Rig?.Name ?? ""), broadcaster, log, cancellationToken);
    }

    /// <summary>Serves the runs of a results archive (finished and still recording), read-only: abort is always refused.</summary>
    public static Task<MonitorServer> StartArchiveAsync(IPEndPoint endpoint, IResultsStore archive, TimeProvider time, ILogger log, CancellationToken cancellationToken) =>
        StartAsync(new MonitorOptions { Endpoint = endpoint, Time = time }, new Archive.ArchiveRunCatalogue(archive, time, log), null, log, cancellationToken);

    internal static async Task<MonitorServer> StartAsync(MonitorOptions options, IRunCatalogue catalogue, RunBroadcaster? live, ILogger log, CancellationToken cancellationToken)
    {
        log = log.ForContext<MonitorServer>();
        WarnIfNotLoopback(options.Endpoint, log);
        var guards = new MonitorGuards(options, log);
        var abort = new AbortGate(AbortGate.NewToken(), options.RequestAbort, guards.Refusals, new RefusalRate(options.Time), log);
        MonitorConsole? console = options.RequestAbort is null || live is null ? null : new MonitorConsole(options.Time);
        WebApplicationBuilder builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.Logging.ClearProviders();
        builder.Logging.AddProvider(new KestrelRefusals(guards.Refusals));
        builder.Logging.AddFilter(KestrelRefusals.Category, LogLevel.Debug);
        // The command that starts the monitor decides what a signal means (the run safes the rig first): the host must not.
        builder.Services.AddSingleton<IHostLifetime, QuietLifetime>();
        builder.WebHost.UseKestrelCore().ConfigureKestrel(k =>
        {
            k.Listen(options.Endpoint, listen => listen.Use(guards.Connections.Wrap));
            k.AddServerHeader = false;
            k.Limits.MaxRequestBodySize = RequestGuard.MaxBodyBytes;
            k.Limits.MaxRequestHeadersTotalSize = 16 * 1024;
            k.Limits.RequestHeadersTimeout = TimeSpan.FromSeconds(10);
            k.Limits.KeepAliveTimeout = TimeSpan.FromSeconds(30);
        });
        // Kestrel listens through the accept gate only (its own socket transport, wrapped).
        builder.Services.RemoveAll<IConnectionListenerFactory>();
        builder.Services.AddSingleton<IConnectionListenerFactory>(guards.Accept);
        builder.Services.AddRoutingCore();
        WebApplication app = builder.Build();
        var guard = new RequestGuard(guards.Refusals, log);
        app.Use(guard.InvokeAsync);
        app.UseRouting();
        MapEndpoints(app, catalogue, abort, guards.Streams, options.Time);
        MapOperatorEndpoints(app, abort, console);

        try
        {
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await app.DisposeAsync().ConfigureAwait(false);
            await catalogue.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        Uri url = BoundUrl(app, options.Endpoint);
        log.Information("Monitor serving {Url}", url);
        return new MonitorServer(app, catalogue, abort, guards, url, live, console);
    }

    public async ValueTask DisposeAsync()
    {
        // Pages keep their event streams open: stop quickly rather than wait for them.
        using var stopping = new CancellationTokenSource();
        await stopping.CancelAsync().ConfigureAwait(false);
        await _app.StopAsync(stopping.Token).ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
        await _catalogue.DisposeAsync().ConfigureAwait(false);
        Guards.Refusals.LogTotals();
    }

    /// <summary>Loopback is the default; any other address exposes the rig's telemetry to whoever reaches it.</summary>
    internal static bool WarnIfNotLoopback(IPEndPoint endpoint, ILogger log)
    {
        if (IPAddress.IsLoopback(endpoint.Address))
        {
            return false;
        }

        log.Warning("Monitor listens on {Address}, which is not a loopback address: anyone who can reach it sees the rig (abort still needs the token)", endpoint.Address);
        return true;
    }

    internal static IReadOnlyList<LimitDto> Limits(RigDefinition? rig) =>
        rig?.Limits.Select(l => new LimitDto(
            l.Parameter,
            l.HasBands ? l.Yellow : null,
            l.HasBands ? l.Red : null,
            l.Delta is { } d ? new DeltaLimitDto(d.Yellow, d.Red, d.Per == DeltaBasis.Second ? "second" : "sample") : null,
            l.When is { } w ? new LimitConditionDto(w.Parameter, w.Value) : null)).ToArray() ?? [];

    private static void MapEndpoints(WebApplication app, IRunCatalogue catalogue, AbortGate abort, EventStreamLimit streams, TimeProvider time)
    {
        app.MapGet("/", () => EmbeddedAssets.Serve("index.html"));
        app.MapGet("/assets/{**path}", (string path) => EmbeddedAssets.Serve(path));
        app.MapGet("/api/runs", async (CancellationToken ct) => HttpResults.Json(await catalogue.ListAsync(ct).ConfigureAwait(false), MonitorJson.Options));
        app.MapGet("/api/runs/{id}/snapshot", async (string id, CancellationToken ct) =>
            await catalogue.FindAsync(id, ct).ConfigureAwait(false) is { } run ? HttpResults.Text(run.SnapshotJson(), "application/json") : HttpResults.NotFound());
        app.MapGet("/api/runs/{id}/events", async (HttpContext context, string id) =>
        {
            if (await catalogue.FindAsync(id, context.RequestAborted).ConfigureAwait(false) is not { } run)
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return;
            }

            await streams.ServeAsync(context, () => EventStream.WriteAsync(context, run, time, context.RequestAborted)).ConfigureAwait(false);
        });
        Func<HttpContext, Task<IResult>> handleAbort = abort.HandleAsync;
        app.MapPost("/api/abort", (Delegate)handleAbort);
    }

    /// <summary>The pending prompt (anyone who may see the page may read it); its answer, hold and resume need the token.</summary>
    private static void MapOperatorEndpoints(WebApplication app, AbortGate gate, MonitorConsole? console)
    {
        app.MapGet("/api/prompt", () => console?.Pending is { } prompt ? HttpResults.Json(prompt, MonitorJson.Options) : HttpResults.NoContent());
        app.MapPost("/api/prompt/{answer}", async (HttpContext context, string answer, string? step) =>
        {
            if (await gate.RefuseAsync(context).ConfigureAwait(false) is { } refused)
            {
                return refused;
            }

            OperatorDecision? decision = answer switch { "confirm" => OperatorDecision.Confirm, "refuse" => OperatorDecision.Refuse, "abort" => OperatorDecision.Abort, _ => null };
            if (decision is not { } d)
            {
                return HttpResults.Json(new { accepted = false, reason = $"'{answer}' is not an answer: confirm, refuse or abort" }, statusCode: StatusCodes.Status400BadRequest);
            }

            return console!.Answer(d, step, Address(context))
                ? HttpResults.Json(new { accepted = true }, statusCode: StatusCodes.Status202Accepted)
                : HttpResults.Json(new { accepted = false, reason = "no prompt waits for an answer" + (step is null ? "" : $" at step {step}") }, statusCode: StatusCodes.Status409Conflict);
        });
        Func<HttpContext, Task<IResult>> hold = context => ActAsync(context, gate, () => console!.Hold(Address(context)), "the run cannot be held now");
        Func<HttpContext, Task<IResult>> resume = context => ActAsync(context, gate, () => console!.Resume(Address(context)), "the run is not held");
        app.MapPost("/api/hold", (Delegate)hold);
        app.MapPost("/api/resume", (Delegate)resume);
    }

    private static async Task<IResult> ActAsync(HttpContext context, AbortGate gate, Func<bool> act, string refusal)
    {
        if (await gate.RefuseAsync(context).ConfigureAwait(false) is { } refused)
        {
            return refused;
        }

        return act()
            ? HttpResults.Json(new { accepted = true }, statusCode: StatusCodes.Status202Accepted)
            : HttpResults.Json(new { accepted = false, reason = refusal }, statusCode: StatusCodes.Status409Conflict);
    }

    private static string Address(HttpContext context) => context.Connection.RemoteIpAddress?.ToString() ?? "?";

    private static Uri BoundUrl(WebApplication app, IPEndPoint requested)
    {
        string? address = app.Urls.FirstOrDefault();
        var bound = address is null ? null : new Uri(address);
        int port = bound?.Port ?? requested.Port;
        string host = requested.Address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? $"[{requested.Address}]" : requested.Address.ToString();
        return new Uri($"http://{host}:{port}/");
    }
}
