using System.Text.Json;
using System.Text.Json.Nodes;

namespace UsocHil.MissionDatabase;

/// <summary>
/// What an import took from a mission database: every element imported, approximated (and how) or dropped (and why),
/// with its place in the source. Printed as lines and written as JSON for <c>--report</c>.
/// </summary>
public sealed class ImportReport
{
    private readonly List<ImportReportEntry> _entries = [];
    private readonly HashSet<ImportReportEntry> _seen = [];

    public IReadOnlyList<ImportReportEntry> Entries => _entries;

    /// <summary>Drops and approximations that lose a limit, a command verifier or a calibration.</summary>
    public IEnumerable<ImportReportEntry> SafetyLosses => _entries.Where(e => e.SafetyRelevant && e.Outcome != ImportOutcome.Imported);

    public int Count(ImportOutcome outcome) => _entries.Count(e => e.Outcome == outcome);

    public void Imported(string location, string element, string? name, string? how = null) =>
        Add(new ImportReportEntry(ImportOutcome.Imported, location, element, name, how));

    public void Approximated(string location, string element, string? name, string how, bool safetyRelevant = false) =>
        Add(new ImportReportEntry(ImportOutcome.Approximated, location, element, name, how, safetyRelevant));

    public void Dropped(string location, string element, string? name, string why, bool safetyRelevant = false) =>
        Add(new ImportReportEntry(ImportOutcome.Dropped, location, element, name, why, safetyRelevant));

    /// <summary>Puts the entries in source order: by file, then line.</summary>
    public void Sort()
    {
        var sorted = _entries.OrderBy(e => File(e.Location), StringComparer.Ordinal).ThenBy(e => Line(e.Location)).ToList();
        _entries.Clear();
        _entries.AddRange(sorted);
    }

    private void Add(ImportReportEntry entry)
    {
        // A container inlined in several others reports its entries once.
        if (_seen.Add(entry))
        {
            _entries.Add(entry);
        }
    }

    private static string File(string location) => location[..Math.Max(0, location.LastIndexOf(':'))];

    private static int Line(string location) =>
        int.TryParse(location.AsSpan(location.LastIndexOf(':') + 1), System.Globalization.CultureInfo.InvariantCulture, out int line) ? line : 0;

    public string Summary =>
        $"{Count(ImportOutcome.Imported)} imported, {Count(ImportOutcome.Approximated)} approximated, {Count(ImportOutcome.Dropped)} dropped ({SafetyLosses.Count()} safety-relevant)";

    public string ToJson()
    {
        var entries = new JsonArray();
        foreach (ImportReportEntry entry in _entries)
        {
            entries.Add(new JsonObject
            {
                ["outcome"] = entry.Outcome.ToString().ToLowerInvariant(),
                ["location"] = entry.Location,
                ["element"] = entry.Element,
                ["name"] = entry.Name,
                ["how"] = entry.How,
                ["safetyRelevant"] = entry.SafetyRelevant,
            });
        }

        var report = new JsonObject
        {
            ["imported"] = Count(ImportOutcome.Imported),
            ["approximated"] = Count(ImportOutcome.Approximated),
            ["dropped"] = Count(ImportOutcome.Dropped),
            ["safetyRelevantLosses"] = SafetyLosses.Count(),
            ["entries"] = entries,
        };
        return report.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
    }
}
