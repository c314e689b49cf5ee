namespace UsocHil.Sequencing;

/// <summary>
/// What kind of item a run exercises, in the words of a model philosophy: the emulator, or the ground model its
/// <c>rig.json</c> names (<c>"model"</c>: EM, QM, FM, PFM). A run on an emulator verifies the procedure and the harness,
/// not the unit; a run on an engineering model is not flight-model acceptance. Sequences say which kinds they were
/// validated on (<see cref="SequenceApproval.ValidatedOn"/>) in the same words.
/// </summary>
public static class ItemKind
{
    public const string Emulator = "emulator";
    public const string EngineeringModel = "EM";
    public const string QualificationModel = "QM";
    public const string FlightModel = "FM";
    public const string ProtoflightModel = "PFM";

    /// <summary>Real hardware whose rig.json states no model: what the run verifies cannot be said.</summary>
    public const string Hardware = "hardware";

    /// <summary>The kinds a sequence may be validated on, as its <c>validatedOn</c> spells them.</summary>
    public static IReadOnlyList<string> Known { get; } = [Emulator, EngineeringModel, QualificationModel, FlightModel, ProtoflightModel];

    /// <summary>The kind of item a run of a rig bound so exercises.</summary>
    /// <param name="emulated">The station binds the rig to its emulator.</param>
    /// <param name="model">rig.json's <c>"model"</c>; a known kind in any case is given its usual spelling, anything else is kept as written.</param>
    public static string Of(bool emulated, string? model)
    {
        if (emulated)
        {
            return Emulator;
        }

        if (string.IsNullOrWhiteSpace(model))
        {
            return Hardware;
        }

        string stated = model.Trim();
        return Known.FirstOrDefault(k => string.Equals(k, stated, StringComparison.OrdinalIgnoreCase)) ?? stated;
    }
}
