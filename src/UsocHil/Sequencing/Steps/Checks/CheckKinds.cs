using UsocHil.Registration;

namespace UsocHil.Sequencing.Steps.Checks;

/// <summary>
/// The checks a verify step may hold, by the name in a check's <c>"check"</c>. Each entry reads its own check object
/// (a <see cref="StepReader"/> for the object inside the step) and returns the check, or null when it cannot make one.
/// </summary>
public sealed class CheckKinds
{
    private readonly Registry<Func<StepReader, IVerifyCheck?>> _registry = new("check kind");

    public IReadOnlyList<string> Names => _registry.Names;

    /// <summary>agreement, consistency, housekeeping-rate, dynamics, value, robustness and disturbance.</summary>
    public static CheckKinds CreateDefault() => new CheckKinds()
        .Add("agreement", VerifyStep.ReadAgreement)
        .Add("consistency", VerifyStep.ReadConsistency)
        .Add("housekeeping-rate", VerifyStep.ReadHousekeepingRate)
        .Add("dynamics", VerifyStep.ReadDynamics)
        .Add("value", VerifyStep.ReadValue)
        .Add("robustness", RobustnessCheck.Read)
        .Add("disturbance", DisturbanceCheck.Read);

    public CheckKinds Add(string check, Func<StepReader, IVerifyCheck?> read)
    {
        _registry.Add(check, read);
        return this;
    }

    public bool TryGet(string check, out Func<StepReader, IVerifyCheck?> read) => _registry.TryGet(check, out read);
}
