using System.Text.RegularExpressions;
using UsocHil.Expectations;

namespace UsocHil.Sequencing.Steps.Checks;

/// <summary>
/// A check that verifies a named requirement: every result it judges carries the requirement's identifier, so the
/// archive and the exports can trace requirement → measurement → verdict → run.
/// </summary>
internal sealed partial class RequirementCheck(IVerifyCheck check, string requirement) : IVerifyCheck
{
    public string Label => $"{requirement}: {check.Label}";

    public async Task<IReadOnlyList<JudgedResult>> EvaluateAsync(StepContext context, CancellationToken cancellationToken)
    {
        IReadOnlyList<JudgedResult> results = await check.EvaluateAsync(context, cancellationToken).ConfigureAwait(false);
        return results.Select(r => r with { Requirement = requirement }).ToArray();
    }

    /// <summary>An identifier as requirement databases (DOORS, Polarion) write them: FUR-TC-003, SR-12.</summary>
    [GeneratedRegex("^[A-Z][A-Z0-9]*(-[A-Z0-9]+)+$")]
    public static partial Regex Identifier();

    /// <summary>Wraps <paramref name="check"/> when its object names a <c>requirement</c>.</summary>
    public static IVerifyCheck? Read(StepReader r, IVerifyCheck? check)
    {
        string? requirement = r.String("requirement", required: false);
        if (requirement is null || check is null)
        {
            return check;
        }

        if (!Identifier().IsMatch(requirement))
        {
            r.Problem(r.Json["requirement"], "requirement", $"'{requirement}' is not a requirement identifier (upper-case words joined by '-', such as FUR-TC-003)");
            return null;
        }

        return new RequirementCheck(check, requirement);
    }
}
