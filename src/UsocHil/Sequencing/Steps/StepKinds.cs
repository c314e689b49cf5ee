using UsocHil.Registration;
using UsocHil.Sequencing.Steps.Checks;

namespace UsocHil.Sequencing.Steps;

/// <summary>
/// The step kinds a sequence file may use, by the name in a step's <c>"kind"</c>. Each entry reads its own step object
/// with a <see cref="StepReader"/> (which reports every problem with file, path and line) and returns the step, or
/// null when the object cannot make one. The check kinds of verify steps travel with them in <see cref="Checks"/>.
/// </summary>
public sealed class StepKinds
{
    private readonly Registry<Func<StepReader, ISequenceStep?>> _registry = new("step kind");

    private StepKinds(CheckKinds checks) => Checks = checks;

    public CheckKinds Checks { get; }

    public IReadOnlyList<string> Names => _registry.Names;

    /// <summary>The kinds UsocHil itself knows, with <paramref name="checks"/> for verify steps (the built-in check kinds when null).</summary>
    public static StepKinds CreateDefault(CheckKinds? checks = null) => new StepKinds(checks ?? CheckKinds.CreateDefault()).AddBuiltInSteps();

    public StepKinds Add(string kind, Func<StepReader, ISequenceStep?> read)
    {
        _registry.Add(kind, read);
        return this;
    }

    public bool TryGet(string kind, out Func<StepReader, ISequenceStep?> read) => _registry.TryGet(kind, out read);

    private StepKinds AddBuiltInSteps() => Add("power", PowerStep.Read)
        .Add("command", CommandStep.Read)
        .Add("set", SetStep.Read)
        .Add("wait", WaitStep.Read)
        .Add("sweep", SweepStep.Read)
        .Add("sample", SampleStep.Read)
        .Add("fit", FitStep.Read)
        .Add("model", ModelStep.Read)
        .Add("optimise", OptimiseStep.Read)
        .Add("upload", UploadStep.Read)
        .Add("identify", IdentifyStep.Read)
        .Add("verify", VerifyStep.Read)
        .Add("prompt", PromptStep.Read)
        .Add("mark", MarkStep.Read)
        .Add("inhibit", InhibitStep.Read)
        .Add("restore", RestoreStep.Read)
        .Add("threshold", ThresholdStep.Read)
        .Add("raw", RawStep.Read);
}
