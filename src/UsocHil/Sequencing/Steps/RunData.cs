using System.Collections.Concurrent;
using UsocHil.Calibration;
using UsocHil.Control;

namespace UsocHil.Sequencing.Steps;

/// <summary>The products a run accumulates and later steps consume: samples, fits, process models, time marks, applied parameters.</summary>
public sealed class RunData
{
    private readonly ConcurrentQueue<Measurement> _measurements = new();
    private readonly ConcurrentDictionary<string, SampleSet> _samples = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, PolynomialFit> _fits = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, StepFit> _models = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, DateTimeOffset> _marks = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, double> _applied = new(StringComparer.Ordinal);

    public IReadOnlyList<Measurement> Measurements => _measurements.ToArray();

    /// <summary>Volatile parameters the run has set, for re-applying them after a reboot.</summary>
    public IReadOnlyDictionary<string, double> AppliedParameters => new Dictionary<string, double>(_applied, StringComparer.Ordinal);

    public void AddMeasurement(Measurement measurement) => _measurements.Enqueue(measurement);

    /// <summary>The named data set, created on first use; sample steps append one row per execution.</summary>
    public SampleSet Samples(string name) => _samples.GetOrAdd(name, n => new SampleSet(n));

    public bool TryGetSamples(string name, out SampleSet? set) => _samples.TryGetValue(name, out set);

    public void SetFit(string name, PolynomialFit fit) => _fits[name] = fit;

    public bool TryGetFit(string name, out PolynomialFit? fit) => _fits.TryGetValue(name, out fit);

    public void SetModel(string name, StepFit model) => _models[name] = model;

    public bool TryGetModel(string name, out StepFit? model) => _models.TryGetValue(name, out model);

    public void Mark(string name, DateTimeOffset rigTime) => _marks[name] = rigTime;

    public bool TryGetMark(string name, out DateTimeOffset rigTime) => _marks.TryGetValue(name, out rigTime);

    public void Applied(string parameter, double value) => _applied[parameter] = value;
}
