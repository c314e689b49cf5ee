using System.Threading.Channels;
using Serilog;
using UsocHil.Links;
using UsocHil.Rigs;
using UsocHil.Sequencing;

namespace UsocHil.Monitor;

/// <summary>
/// Turns a run's reports into messages for every open page. The run's threads only post each report into one bounded
/// inbox (O(1), never blocking, whatever the number of pages or their speed). A dispatcher task wakes at most once per
/// <see cref="FrameInterval"/>, applies what has gathered to the <see cref="RunView"/>, encodes it once as a
/// <see cref="MonitorFrame"/> and hands that same frame to each page's <see cref="ClientQueue"/>. So a page costs one
/// write per frame however fast the rig reports, and the run's threads share the processor with a few wake-ups a
/// second rather than one per report per page.
/// </summary>
public sealed class RunBroadcaster : IRunObserver, IAsyncDisposable
{
    internal const int InboxCapacity = 65_536;
    internal const int MaxReportsPerFrame = 4096;
    internal const int DefaultClientCapacityBytes = 1 << 20;

    /// <summary>How long reports gather before the pages are written to: quicker than an eye follows a trace.</summary>
    internal static readonly TimeSpan FrameInterval = TimeSpan.FromMilliseconds(50);

    /// <summary>Wakes the dispatcher for a <see cref="DrainedAsync"/> without being a report.</summary>
    private static readonly object s_wake = new();

    private readonly Channel<object> _inbox;
    private readonly Lock _gate = new();
    private readonly RunView _view;
    private readonly ILogger _log;
    private readonly TimeProvider _time;
    private readonly Task _dispatcher;
    private readonly List<(string Name, LinkStatistics Statistics)> _links = [];
    private readonly MonitorFrame _frame = new();
    private readonly DrainBarriers _drain = new();
    private readonly int _clientCapacity;
    private ClientQueue[] _clients = [];
    private ITimer? _linkTimer;
    private IReadOnlyList<LinkDto> _lastLinks = [];
    private long _inboxDropped;

    internal RunBroadcaster(string id, bool live, StateGraph graph, IReadOnlyList<LimitDto> limits, TimeProvider time, ILogger log, int clientCapacity = DefaultClientCapacityBytes)
    {
        _view = new RunView(id, live, graph, limits);
        _time = time;
        _log = log;
        _clientCapacity = clientCapacity;
        _inbox = Channel.CreateBounded<object>(
            new BoundedChannelOptions(InboxCapacity) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true },
            dropped =>
            {
                if (dropped != s_wake)
                {
                    Interlocked.Increment(ref _inboxDropped);
                    _drain.Handled();
                }
            });
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
        var queue = new ClientQueue(_clientCapacity);
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
        _drain.Release(all: true);
        foreach (ClientQueue queue in Volatile.Read(ref _clients))
        {
            queue.Complete();
        }
    }

    private void Post(object update)
    {
        _drain.Posted();
        _inbox.Writer.TryWrite(update);
    }

    /// <summary>Completes once everything posted before this call has been applied to the run's view, or dropped by a full inbox.</summary>
    public Task DrainedAsync()
    {
        if (_drain.Wait() is not { } drained)
        {
            return Task.CompletedTask;
        }

        _inbox.Writer.TryWrite(s_wake);
        _drain.Release(all: _inbox.Reader.Completion.IsCompleted);
        return drained;
    }

    private async Task DispatchAsync()
    {
        ChannelReader<object> reader = _inbox.Reader;
        while (await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            await Task.Delay(FrameInterval, _time).ConfigureAwait(false);
            while (PublishFrame(reader))
            {
            }
        }
    }

    /// <summary>Applies up to a frame's worth of reports and sends the frame; true when more reports are waiting.</summary>
    private bool PublishFrame(ChannelReader<object> reader)
    {
        int read = 0;
        lock (_gate)
        {
            while (read < MaxReportsPerFrame && reader.TryRead(out object? update))
            {
                read++;
                if (update != s_wake)
                {
                    Apply(update);
                    _drain.Handled();
                }
            }

            if (!_frame.IsEmpty)
            {
                byte[] frame = _frame.Take();
                foreach (ClientQueue client in _clients)
                {
                    client.Enqueue(frame);
                }
            }
        }

        _drain.Release();
        return read == MaxReportsPerFrame;
    }

    private void Apply(object update)
    {
        try
        {
            if (update is TelemetrySample sample)
            {
                _frame.AddTelemetry(_view.Apply(sample));
                return;
            }

            (string name, object data) = _view.Apply(update);
            _frame.AddMessage(name, data);
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
