using UsocHil.Expectations;
using UsocHil.Uncertainty;

namespace UsocHil.Sequencing.Steps;

/// <summary>Reads the <see cref="DeclaredBudget"/> a fit step or a check declares.</summary>
internal static class DeclaredBudgetReader
{
    /// <summary>Reads the optional <c>budget</c> object of a step or check.</summary>
    public static DeclaredBudget ReadBudget(this StepReader r, string field = "budget")
    {
        if (r.Object(field, required: false) is not { } json)
        {
            return DeclaredBudget.None;
        }

        StepReader inner = r.Inner(json, field);
        var budget = new DeclaredBudget(
            inner.Number("drift", required: false, min: 0) ?? 0,
            inner.Number("uniformity", required: false, min: 0) ?? 0,
            inner.Number("hysteresis", required: false, min: 0) ?? 0,
            inner.Number("resolution", required: false, min: 0) ?? 0);
        inner.Finish();
        return budget;
    }

    /// <summary>Reads the optional <c>decision</c> word of a check: simple, guard-banded or three-state.</summary>
    public static DecisionRule? ReadDecision(this StepReader r, string field = "decision")
    {
        string? word = r.String(field, required: false);
        if (word is null)
        {
            return null;
        }

        if (!DecisionRules.TryParse(word, out DecisionRule rule))
        {
            r.Problem(r.Json[field], field, $"unknown decision rule '{word}'; known: {string.Join(", ", DecisionRules.Names)}");
            return null;
        }

        return rule;
    }
}
