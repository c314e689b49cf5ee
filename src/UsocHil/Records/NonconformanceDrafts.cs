using System.Globalization;
using System.Text.Json;
using UsocHil.Expectations;
using UsocHil.Sequencing;

namespace UsocHil.Records;

/// <summary>
/// Drafts one nonconformance report per failed verdict, per deviation from the procedure and per reference that could
/// not be relied on, and writes each as
/// <c>nonconformances/NCR-&lt;station&gt;-&lt;run&gt;-&lt;n&gt;.json</c> beside the station file.
/// </summary>
public static class NonconformanceDrafts
{
    /// <param name="context">The item, configuration and evidence shared by every draft of the run.</param>
    public static IReadOnlyList<NonconformanceDraft> Of(RunContext context, RunResult result, IReadOnlyList<string> referenceProblems, IReadOnlyList<RunEvent>? deviations = null)
    {
        string containment = result.Safing is { } safing
            ? $"rig safed at the end of the run ({string.Join(", ", safing.Actions.Select(a => a.Succeeded ? a.Name : $"{a.Name} FAILED"))})"
            : "rig not safed by the harness: check it";
        var drafts = new List<NonconformanceDraft>();
        foreach (string problem in referenceProblems)
        {
            drafts.Add(Draft(context, drafts.Count + 1, "before power-up", null, "every reference instrument registered and within its calibration due date",
                problem + "; run overridden by the operator, not valid for acceptance", containment, "major"));
        }

        foreach (RunEvent deviation in deviations ?? [])
        {
            drafts.Add(Draft(context, drafts.Count + 1, "procedure", null, "the approved procedure, as written",
                $"deviation: {deviation.Message} (rig time {deviation.RigTime:yyyy-MM-ddTHH:mm:ss}Z)", containment, "major"));
        }

        foreach (Measurement m in result.Measurements.Where(m => m.Verdict.IsFailing()))
        {
            JudgedResult x = m.Result;
            string uncertainty = x.Uncertainty is { } u ? FormattableString.Invariant($" ± {u.Expanded:G3} (k = {u.CoverageFactor:F2})") : "";
            string observed = FormattableString.Invariant($"{x.Expectation} = {x.Measured:G6}{uncertainty} {x.Unit}: {x.Verdict.ToText()}{(x.Culprit is null ? "" : $", culprit {x.Culprit}")}");
            drafts.Add(Draft(context, drafts.Count + 1, m.Step, x.Requirement, x.Message, observed, containment, "major"));
        }

        return drafts;
    }

    public static async Task<IReadOnlyList<string>> WriteAsync(string folder, IReadOnlyList<NonconformanceDraft> drafts, CancellationToken cancellationToken)
    {
        if (drafts.Count == 0)
        {
            return [];
        }

        Directory.CreateDirectory(folder);
        var files = new List<string>(drafts.Count);
        foreach (NonconformanceDraft draft in drafts)
        {
            string file = Path.Combine(folder, draft.Id + ".json");
            await File.WriteAllTextAsync(file, JsonSerializer.Serialize(draft, NonconformanceJson.Files.NonconformanceDraft) + "\n", cancellationToken).ConfigureAwait(false);
            files.Add(file);
        }

        return files;
    }

    private static NonconformanceDraft Draft(RunContext context, int n, string step, string? requirement, string expected, string observed, string containment, string proposedClass) => new()
    {
        Id = string.Create(CultureInfo.InvariantCulture, $"NCR-{context.Station}-{context.RunId}-{n}"),
        Item = context.Item,
        Configuration = context.Configuration,
        Step = step,
        Requirement = requirement,
        Expected = expected,
        Observed = observed,
        Evidence = context.Evidence,
        Containment = containment,
        ProposedClass = proposedClass,
    };
}

/// <summary>What every draft of one run shares: where it ran, on what, and where its record is.</summary>
public sealed record RunContext(string Station, long RunId, string Item, string Configuration, string Evidence);
