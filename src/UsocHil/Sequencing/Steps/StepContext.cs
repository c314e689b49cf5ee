using Serilog;
using UsocHil.Rigs;

namespace UsocHil.Sequencing.Steps;

/// <summary>
/// What a running step sees: the rig, the clock, the run's variables and data products, and where to report.
/// Nested steps (sweep, optimise) get a child context with their own path and variable scope.
/// </summary>
public sealed class StepContext
{
    private readonly RunData _data;

    internal StepContext(IRigSession rig, TimeProvider time, ILogger log, IRunObserver observer, RunOptions options, RunData data, string path, VariableScope variables)
    {
        Rig = rig;
        Time = time;
        Log = log;
        Observer = observer;
        Options = options;
        _data = data;
        Path = path;
        Variables = variables;
    }

    public IRigSession Rig { get; }
    public TimeProvider Time { get; }
    public ILogger Log { get; }
    public IRunObserver Observer { get; }
    public RunOptions Options { get; }

    /// <summary>This step's place in the run, for example "3.2".</summary>
    public string Path { get; }

    public VariableScope Variables { get; }

    /// <summary>What the run does after this step, in the operator's words ("step 2 set: ..."); null when not known.</summary>
    public string? Next { get; internal set; }

    public RunData Data => _data;

    public DateTimeOffset Now => Time.GetUtcNow();

    /// <summary>Records a measurement with the run and reports it.</summary>
    public void Record(Measurement measurement)
    {
        _data.AddMeasurement(measurement);
        Observer.OnMeasurement(measurement);
    }

    /// <summary>
    /// The unit of a parameter (or reference instrument) as the rig's dictionary declares it, null where it declares
    /// none: a check prints the unit of what it measured, never one of its own.
    /// </summary>
    public string? UnitOf(string name) =>
        Rig.Rig.Dictionary.Parameters.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.Ordinal))?.Unit
        ?? Rig.Rig.Instruments.FirstOrDefault(i => string.Equals(i.Name, name, StringComparison.Ordinal))?.Reference?.Unit;

    public void Event(string severity, string message) => Observer.OnEvent(new RunEvent($"step {Path}", severity, message, Now));

    public StepContext Child(string path, VariableScope variables) =>
        new(Rig, Time, Log.ForContext("Step", path), Observer, Options, _data, path, variables);

    /// <summary>Runs nested steps in order under this step's path ("3.1", "3.2", ...), with <paramref name="variables"/> in scope.</summary>
    public Task RunStepsAsync(IReadOnlyList<ISequenceStep> steps, VariableScope variables, string? suffix, CancellationToken cancellationToken) =>
        StepRunner.RunAllAsync(this, steps, suffix is null ? Path : $"{Path}.{suffix}", variables, cancellationToken);
}
