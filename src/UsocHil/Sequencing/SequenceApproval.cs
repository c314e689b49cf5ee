namespace UsocHil.Sequencing;

/// <summary>
/// Where a procedure stands before it is relied on (ECSS-E-ST-10-03C: test procedures are validated and approved before
/// formal use): draft until someone approves it, and the kinds of item it has been run on to validate it. A sequence
/// that says nothing is a draft validated on nothing, the honest default.
/// </summary>
public sealed record SequenceApproval
{
    public const string Draft = "draft";
    public const string Approved = "approved";

    /// <summary><see cref="Draft"/> or <see cref="Approved"/>.</summary>
    public string Status { get; init; } = Draft;

    /// <summary>The <see cref="ItemKind"/>s the procedure has been validated on, as the sequence lists them.</summary>
    public IReadOnlyList<string> ValidatedOn { get; init; } = [];

    public bool IsApproved => string.Equals(Status, Approved, StringComparison.Ordinal);

    public bool IsValidatedOn(string itemKind) => ValidatedOn.Contains(itemKind, StringComparer.Ordinal);
}
