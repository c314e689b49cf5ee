using System.Threading.Channels;
using Serilog;
using UsocHil.Links;
using UsocHil.Rigs;
using UsocHil.Sequencing;

namespace UsocHil.Monitor;

/// <summary>
/// Turns a run's reports into messages for every open page. The run's threads only post each report into one bounded
/// inbox (O(1), never blocking, whatever the number of pages or their speed); a dispatcher task applies the reports
/// to the <see cref="RunView"/> and hands the serialised message to each page's <see cref="ClientQueue"/>, which
/// coalesces or drops when the page falls behind.
/// </summary>
public sealed class RunBroadcaster : IRunObserver, IAsyncDisposable
{
    internal const int InboxCapacity = 65_536;
    internal const int DefaultClientCapacity = 1024;
    internal const int DefaultClientParameters = 256;
    internal const int DefaultClientPointsPerParameter = 128;

    private readonly Channel<object> _inbox;
    private readonly Lock _gate = new();
    private readonly RunView _view;
    private readonly ILogger _log;
    private readonly TimeProvider _time;
    private readonly Task _dispatcher;
    private readonly List<(string Name, LinkStatistics Statistics)> _links = [];
    private readonly int _clientCapacity;
    private ClientQueue[] _clients = [];
    private ITimer? _linkTimer;
    private IReadOnlyList<LinkDto> _lastLinks = [];
    private long _inboxDropped;

    internal RunBroadcaster(string id, bool live, StateGraph graph, IReadOnlyList<LimitDto> limits, TimeProvider time, ILogger log, int clientCapacity = DefaultClientCapacity)
    {
        _view = new RunView(id, live, graph, limits);
        _time = time;
        _log = log;
        _clientCapacity = clientCapacity;
        _inbox = Channel.CreateBounded<object>(
            new BoundedChannelOptions(InboxCapacity) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true },
            _ => Interlocked.Increment(ref _inboxDropped));
        _dispatcher = Task.Run(DispatchAsync);
    }

    public string Id => _view.Id;

    /// <summary>Reports dropped because the dispatcher fell more than <see cref="InboxCapacity"/> behind.</summary>
    public long InboxDropped => Interlocked.Read(ref _inboxDropped);

    internal int ClientCount => Volatile.Read(ref _clients).Length;

    internal IReadOnlyList<ClientQueue> Clients => Volatile.Read(ref _clients);

    internal bool AbortAvailable
    {
        set
        {
            lock (_gate)
            {
                _view.AbortAvailable = value;
            }
        }
    }

    /// <summary>The run's current state, as last reported.</summary>
    public string State
    {
        get
        {
            lock (_gate)
            {
                return _view.State;
            }
        }
    }

    public void OnRunStarted(RunStart start) => Post(start);

    public void OnTransition(RunTransition transition) => Post(transition);

    public void OnStepStarted(StepProgress step) => Post(step);

    public void OnStepFinished(StepProgress step, StepStatus status, string? detail) => Post(new StepFinished(step, status, detail));

    public void OnMeasurement(Measurement measurement) => Post(measurement);

    public void OnTelemetry(TelemetrySample sample) => Post(sample);

    public void OnEvent(RunEvent runEvent) => Post(runEvent);

    public void OnCommand(CommandRecord command) => Post(command);

    public void OnCalibration(CalibrationProduct product) => Post(product);

    public void OnRunFinished(RunResult result) => Post(result);

    /// <summary>Shows a link's counters (frames, CRC errors, reconnects), sampled once a second while anyone may look.</summary>
    public void TrackLink(string name, LinkStatistics statistics)
    {
        lock (_links)
        {
            _links.Add((name, statistics));
            _linkTimer ??= _time.CreateTimer(_ => SampleLinks(), null, TimeSpan.Zero, TimeSpan.FromSeconds(1));
        }
    }

    /// <summary>Registers a page: its queue and the snapshot to send it first, taken atomically with respect to updates.</summary>
    internal (ClientQueue Queue, string Snapshot) Connect()
    {
        var queue = new ClientQueue(_clientCapacity, DefaultClientParameters, DefaultClientPointsPerParameter);
        lock (_gate)
        {
            _clients = [.. _clients, queue];
            return (queue, MonitorJson.Serialize(_view.Snapshot()));
        }
    }

    internal void Disconnect(ClientQueue queue)
    {
        lock (_gate)
        {
            _clients = _clients.Where(q => q != queue).ToArray();
        }

        queue.Complete();
    }

    /// <summary>A page fell behind: empties its queue and returns the snapshot that replaces what it missed.</summary>
    internal string Resync(ClientQueue queue)
    {
        lock (_gate)
        {
            queue.Reset();
            return MonitorJson.Serialize(_view.Snapshot());
        }
    }

    internal string SnapshotJson()
    {
        lock (_gate)
        {
            return MonitorJson.Serialize(_view.Snapshot());
        }
    }

    public async ValueTask DisposeAsync()
    {
        _inbox.Writer.TryComplete();
        lock (_links)
        {
            _linkTimer?.Dispose();
        }

        await _dispatcher.ConfigureAwait(false);
        foreach (ClientQueue queue in Volatile.Read(ref _clients))
        {
            queue.Complete();
        }
    }

    private void Post(object update) => _inbox.Writer.TryWrite(update);

    /// <summary>Completes once everything posted before this call has been applied to the run's view.</summary>
    public Task DrainedAsync()
    {
        var barrier = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        return _inbox.Writer.TryWrite(barrier) ? barrier.Task : Task.CompletedTask;
    }

    private async Task DispatchAsync()
    {
        ChannelReader<object> reader = _inbox.Reader;
        while (await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            ClientQueue[] clients;
            lock (_gate)
            {
                clients = _clients;
                int applied = 0;
                while (applied++ < 4096 && reader.TryRead(out object? update))
                {
                    Apply(update, clients);
                }
            }

            foreach (ClientQueue client in clients)
            {
                client.Signal();
            }
        }
    }

    private void Apply(object update, ClientQueue[] clients)
    {
        if (update is TaskCompletionSource barrier)
        {
            barrier.TrySetResult();
            return;
        }

        try
        {
            if (update is TelemetrySample sample)
            {
                TelemetryPointDto point = _view.Apply(sample);
                foreach (ClientQueue client in clients)
                {
                    client.EnqueueTelemetry(point);
                }

                return;
            }

            (string name, object data) = _view.Apply(update);
            var message = new OutgoingMessage(name, MonitorJson.Serialize(data));
            foreach (ClientQueue client in clients)
            {
                client.Enqueue(message);
            }
        }
        catch (Exception ex)
        {
            _log.Warning(ex, "Monitor could not show a {Update}", update.GetType().Name);
        }
    }

    private void SampleLinks()
    {
        LinkDto[] links;
        lock (_links)
        {
            links = _links.Select(l => new LinkDto(l.Name, l.Statistics.Frames, l.Statistics.FramingErrors, l.Statistics.Reconnects,
                l.Statistics.BytesIn, l.Statistics.BytesOut, l.Statistics.LastError)).ToArray();
        }

        if (!links.SequenceEqual(_lastLinks))
        {
            _lastLinks = links;
            Post(links);
        }
    }
}
