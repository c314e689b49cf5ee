namespace UsocHil.MissionDatabase;

/// <summary>
/// One element of a mission database and what became of it: where it is (<c>file:line</c> or <c>table:row</c>), its
/// kind and name, and how it was approximated or why dropped. <see cref="SafetyRelevant"/> marks a lost limit,
/// command verifier or calibration, which refuses the import unless the loss is accepted.
/// </summary>
public sealed record ImportReportEntry(
    ImportOutcome Outcome,
    string Location,
    string Element,
    string? Name,
    string? How,
    bool SafetyRelevant = false)
{
    public override string ToString() =>
        $"{Location}: {Outcome.ToString().ToLowerInvariant()} {Element}{(Name is null ? "" : " " + Name)}{(How is null ? "" : ": " + How)}{(SafetyRelevant ? " [safety]" : "")}";
}
