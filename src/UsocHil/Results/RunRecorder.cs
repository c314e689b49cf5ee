using UsocHil.Expectations;

namespace UsocHil.Results;

/// <summary>
/// Records one run into the archive: what the sequence engine calls as the run goes. Every Record call queues a row for
/// the archive's writer (durable within a fraction of a second); <see cref="FlushAsync"/> waits until everything so far
/// is committed; <see cref="FinishAsync"/> seals the run into its rig's hash chain. Times not passed explicitly are the
/// rig's current time. Disposing a recorder that was never finished records the run as interrupted.
/// </summary>
public sealed class RunRecorder : IAsyncDisposable
{
    private readonly ResultsArchive _archive;
    private readonly ArchiveWriter _writer;
    private readonly TimeProvider _rigTime;
    private int _currentStep = -1;
    private bool _finished;

    internal RunRecorder(ResultsArchive archive, ArchiveWriter writer, long runId, RunHeader header, TimeProvider rigTime)
    {
        _archive = archive;
        _writer = writer;
        RunId = runId;
        Header = header;
        _rigTime = rigTime;
    }

    public long RunId { get; }
    public RunHeader Header { get; }

    /// <summary>Completes when the archive can take no more rows of this run (disk full, lock held, file deleted); never, while it can.</summary>
    public Task<ResultsArchiveException> Failure => _writer.Failure;

    /// <summary>Rows recorded but not kept because the archive failed (0 while it has not).</summary>
    public long RowsLost => _writer.Lost;

    /// <summary>The step the next measurement belongs to, as set by <see cref="RecordStepStartedAsync"/>; -1 outside any step.</summary>
    public int CurrentStep => _currentStep;

    public ValueTask RecordTransitionAsync(string from, string to, string trigger, CancellationToken cancellationToken = default) =>
        Write(WriteKind.Transition, new TransitionRow(_rigTime.GetUtcNow(), from, to, trigger), cancellationToken);

    public ValueTask RecordStepStartedAsync(int index, string name, string kind, CancellationToken cancellationToken = default)
    {
        _currentStep = index;
        return Write(WriteKind.StepStarted, new StepRow(index, name, kind, _rigTime.GetUtcNow(), null, null, null), cancellationToken);
    }

    /// <summary>Ends the latest step with this index; <paramref name="outcome"/> is the engine's word for it (passed, failed, skipped, aborted).</summary>
    public ValueTask RecordStepEndedAsync(int index, string outcome, string? message = null, CancellationToken cancellationToken = default)
    {
        if (_currentStep == index)
        {
            _currentStep = -1;
        }

        return Write(WriteKind.StepEnded, new StepEnd(index, _rigTime.GetUtcNow(), outcome, message), cancellationToken);
    }

    /// <summary>Records an evaluated expectation: its measured value, bounds, verdict, margin and evidence.</summary>
    public ValueTask RecordMeasurementAsync(JudgedResult result, CancellationToken cancellationToken = default) =>
        Write(WriteKind.Measurement, new MeasurementRow(_rigTime.GetUtcNow(), Step, result.Expectation, result.Measured, result.Unit, result), cancellationToken);

    /// <summary>Records a measured value that is not (yet) held against an expectation: a sample mean, a fitted figure.</summary>
    public ValueTask RecordValueAsync(string name, double value, string? unit, CancellationToken cancellationToken = default) =>
        Write(WriteKind.Measurement, new MeasurementRow(_rigTime.GetUtcNow(), Step, name, value, unit, null), cancellationToken);

    /// <summary>Records one telemetry sample. Allocation-free; <paramref name="time"/> is the packet's time.</summary>
    public ValueTask RecordTelemetryAsync(DateTimeOffset time, string parameter, double value, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_finished, this);
        return _writer.WriteAsync(WriteItem.Telemetry(RunId, time, parameter, value), cancellationToken);
    }

    public ValueTask RecordEventAsync(DateTimeOffset time, int id, string name, string severity, string? data = null, CancellationToken cancellationToken = default) =>
        Write(WriteKind.Event, new EventRow(time, id, name, severity, data), cancellationToken);

    public ValueTask RecordCommandAsync(CommandRow command, CancellationToken cancellationToken = default) =>
        Write(WriteKind.Command, command, cancellationToken);

    public ValueTask RecordCalibrationAsync(CalibrationRow product, CancellationToken cancellationToken = default) =>
        Write(WriteKind.Calibration, product, cancellationToken);

    /// <summary>Records one space packet as it crossed the payload link (the raw packet archive).</summary>
    public ValueTask RecordPacketAsync(PacketRow packet, CancellationToken cancellationToken = default) =>
        Write(WriteKind.Packet, packet, cancellationToken);

    /// <summary>Completes when everything recorded so far is committed to the archive file.</summary>
    public Task FlushAsync(CancellationToken cancellationToken = default) => _writer.FlushAsync(cancellationToken);

    /// <summary>Flushes, records the outcome and end times, and seals the run (its record hash, chained to the rig's previous run).</summary>
    public async Task<string> FinishAsync(ArchivedOutcome outcome, CancellationToken cancellationToken = default)
    {
        if (outcome == ArchivedOutcome.Running)
        {
            throw new ArgumentOutOfRangeException(nameof(outcome), outcome, "a finished run needs a final outcome");
        }

        ObjectDisposedException.ThrowIf(_finished, this);
        await _writer.FlushAsync(cancellationToken);
        _finished = true;
        return await _archive.SealAsync(RunId, outcome, _rigTime.GetUtcNow(), cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_finished)
        {
            await FinishAsync(ArchivedOutcome.Interrupted, CancellationToken.None);
        }
    }

    private int? Step => _currentStep < 0 ? null : _currentStep;

    /// <summary>Queues a row without awaiting (for synchronous run observers); waits only while the writer is backed up.</summary>
    internal void Enqueue(WriteKind kind, object payload)
    {
        ObjectDisposedException.ThrowIf(_finished, this);
        switch (payload)
        {
            case StepRow s:
                _currentStep = s.Index;
                break;
            case StepEnd e when e.Index == _currentStep:
                _currentStep = -1;
                break;
            case MeasurementRow m when m.StepIndex is null && _currentStep >= 0:
                payload = m with { StepIndex = _currentStep };
                break;
        }

        _writer.Write(WriteItem.Of(kind, RunId, payload));
    }

    internal void EnqueueTelemetry(DateTimeOffset time, string parameter, double value)
    {
        ObjectDisposedException.ThrowIf(_finished, this);
        _writer.Write(WriteItem.Telemetry(RunId, time, parameter, value));
    }

    private ValueTask Write(WriteKind kind, object payload, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_finished, this);
        return _writer.WriteAsync(WriteItem.Of(kind, RunId, payload), cancellationToken);
    }
}
