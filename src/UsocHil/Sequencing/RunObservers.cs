using Serilog;
using UsocHil.Rigs;

namespace UsocHil.Sequencing;

/// <summary>Fans a run's reports out to several observers; one observer failing never disturbs the run or the others.</summary>
public sealed class RunObservers(IEnumerable<IRunObserver> observers, ILogger log) : IRunObserver
{
    private readonly IRunObserver[] _observers = observers.ToArray();

    public void OnRunStarted(RunStart start) => Each(o => o.OnRunStarted(start));

    public void OnTransition(RunTransition transition) => Each(o => o.OnTransition(transition));

    public void OnStepStarted(StepProgress step) => Each(o => o.OnStepStarted(step));

    public void OnStepFinished(StepProgress step, StepStatus status, string? detail) => Each(o => o.OnStepFinished(step, status, detail));

    public void OnMeasurement(Measurement measurement) => Each(o => o.OnMeasurement(measurement));

    public void OnTelemetry(TelemetrySample sample) => Each(o => o.OnTelemetry(sample));

    public void OnEvent(RunEvent runEvent) => Each(o => o.OnEvent(runEvent));

    public void OnCommand(CommandRecord command) => Each(o => o.OnCommand(command));

    public void OnCalibration(CalibrationProduct product) => Each(o => o.OnCalibration(product));

    public void OnBudget(BudgetProduct budget) => Each(o => o.OnBudget(budget));

    public void OnUnitIdentified(string serial, DateTimeOffset rigTime) => Each(o => o.OnUnitIdentified(serial, rigTime));

    public void OnRunFinished(RunResult result) => Each(o => o.OnRunFinished(result));

    private void Each(Action<IRunObserver> report)
    {
        foreach (IRunObserver observer in _observers)
        {
            try
            {
                report(observer);
            }
            catch (Exception ex)
            {
                log.Warning(ex, "Run observer {Observer} failed", observer.GetType().Name);
            }
        }
    }
}
