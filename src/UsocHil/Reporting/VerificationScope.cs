using UsocHil.Results;
using UsocHil.Sequencing;

namespace UsocHil.Reporting;

/// <summary>
/// What a run can be taken as evidence of, said the same way on the console, in the HTML report and in the JUnit
/// export, so that a run on an emulator or an engineering model is not read as flight-model acceptance: the kind of
/// item run on, the sequence's status (draft or approved), and a warning when the sequence was not validated on that
/// kind of item. Runs recorded before sequences had a status say nothing (every field null).
/// </summary>
/// <param name="ItemKind">emulator, EM, QM, FM, PFM, hardware (model not stated) or another model rig.json names.</param>
/// <param name="SequenceStatus">draft or approved.</param>
/// <param name="ValidatedOn">The kinds of item the sequence was validated on.</param>
public sealed record VerificationScope(string? ItemKind, string? SequenceStatus, IReadOnlyList<string>? ValidatedOn)
{
    public static VerificationScope Of(RunHeader header)
    {
        ArgumentNullException.ThrowIfNull(header);
        return new(header.ItemKind, header.SequenceStatus, header.SequenceValidatedOn);
    }

    public static VerificationScope Of(string itemKind, SequenceApproval approval)
    {
        ArgumentNullException.ThrowIfNull(approval);
        return new(itemKind, approval.Status, approval.ValidatedOn);
    }

    /// <summary>What a run on this kind of item verifies, and what it does not; null when the run did not record it.</summary>
    public string? Statement => ItemKind switch
    {
        null => null,
        Sequencing.ItemKind.Emulator => "Emulator run: verifies the procedure and the harness, not the unit",
        Sequencing.ItemKind.EngineeringModel => "Engineering-model run: verifies the procedure and the design on an engineering model, not flight-model acceptance",
        Sequencing.ItemKind.QualificationModel => "Qualification-model run: evidence for qualification of the design, not flight-model acceptance",
        Sequencing.ItemKind.FlightModel => "Flight-model run: acceptance evidence for this unit",
        Sequencing.ItemKind.ProtoflightModel => "Protoflight-model run: qualification and acceptance evidence for this unit",
        Sequencing.ItemKind.Hardware => "Hardware run, model not stated in rig.json: not flight-model acceptance",
        _ => $"{ItemKind} run: not flight-model acceptance",
    };

    /// <summary>"Sequence draft, not approved" or "Sequence approved"; null when the run did not record it.</summary>
    public string? StatusStatement => SequenceStatus switch
    {
        null => null,
        SequenceApproval.Approved => "Sequence approved",
        SequenceApproval.Draft => "Sequence draft, not approved: not valid for acceptance",
        _ => $"Sequence {SequenceStatus}",
    };

    /// <summary>The warning a run gets when its sequence was not validated on the kind of item it ran on; null otherwise.</summary>
    public string? ValidationWarning =>
        ItemKind is null || ValidatedOn is null || ValidatedOn.Contains(ItemKind, StringComparer.Ordinal)
            ? null
            : $"sequence not validated on {Describe(ItemKind)} (validated on: {(ValidatedOn.Count == 0 ? "nothing" : string.Join(", ", ValidatedOn))})";

    /// <summary>Every line there is to say, in the order a reader needs them: the item, the status, the warning.</summary>
    public IReadOnlyList<string> Lines =>
        [.. new[] { Statement, StatusStatement, ValidationWarning is { } w ? "WARNING: " + w : null }.OfType<string>()];

    /// <summary>One line for a summary row: the statements joined.</summary>
    public string? Summary => Lines.Count == 0 ? null : string.Join("; ", Lines);

    private static string Describe(string itemKind) => itemKind switch
    {
        Sequencing.ItemKind.Emulator => "an emulator",
        Sequencing.ItemKind.EngineeringModel => "an engineering model (EM)",
        Sequencing.ItemKind.QualificationModel => "a qualification model (QM)",
        Sequencing.ItemKind.FlightModel => "a flight model (FM)",
        Sequencing.ItemKind.ProtoflightModel => "a protoflight model (PFM)",
        Sequencing.ItemKind.Hardware => "hardware of no stated model",
        _ => itemKind,
    };
}
