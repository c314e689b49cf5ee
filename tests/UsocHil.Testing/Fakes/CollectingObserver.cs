using System.Collections.Concurrent;
using UsocHil.Sequencing;

namespace UsocHil.Testing.Fakes;

/// <summary>Keeps everything a run reported.</summary>
public sealed class CollectingObserver : IRunObserver
{
    public ConcurrentQueue<RunTransition> Transitions { get; } = new();
    public ConcurrentQueue<RunEvent> Events { get; } = new();
    public ConcurrentQueue<Measurement> Measurements { get; } = new();
    public ConcurrentQueue<CalibrationProduct> Calibrations { get; } = new();
    public ConcurrentQueue<(StepProgress Step, StepStatus Status)> Finished { get; } = new();
    public ConcurrentQueue<UsocHil.Rigs.CommandRecord> Commands { get; } = new();

    public void OnTransition(RunTransition transition) => Transitions.Enqueue(transition);

    public void OnEvent(RunEvent runEvent) => Events.Enqueue(runEvent);

    public void OnMeasurement(Measurement measurement) => Measurements.Enqueue(measurement);

    public void OnCalibration(CalibrationProduct product) => Calibrations.Enqueue(product);

    public void OnCommand(UsocHil.Rigs.CommandRecord command) => Commands.Enqueue(command);

    public void OnStepFinished(StepProgress step, StepStatus status, string? detail) => Finished.Enqueue((step, status));

    public IReadOnlyList<RunState> States => Transitions.Select(t => t.Destination).ToArray();
}
