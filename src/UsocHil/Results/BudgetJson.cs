using System.Globalization;
using System.Text;
using System.Text.Json;

namespace UsocHil.Results;

/// <summary>
/// Budgets in the archive's column and in the run's canonical JSON. Components travel as [name, u, c, ν] with an
/// infinite ν as null; a run without budgets writes no "budgets" property, so records sealed before budgets existed
/// hash as they did.
/// </summary>
internal static class BudgetJson
{
    public static string Components(IReadOnlyList<BudgetComponentRow> components)
    {
        var sb = new StringBuilder("[");
        for (int i = 0; i < components.Count; i++)
        {
            BudgetComponentRow c = components[i];
            sb.Append(i == 0 ? "" : ",").Append('[').Append(JsonSerializer.Serialize(c.Name)).Append(',')
                .Append(Number(c.StandardUncertainty)).Append(',').Append(Number(c.SensitivityCoefficient)).Append(',').Append(Number(c.DegreesOfFreedom)).Append(']');
        }

        return sb.Append(']').ToString();
    }

    public static IReadOnlyList<BudgetComponentRow> ParseComponents(string json)
    {
        using var doc = JsonDocument.Parse(json);
        return doc.RootElement.EnumerateArray()
            .Select(c => new BudgetComponentRow(c[0].GetString()!, ToDouble(c[1]), ToDouble(c[2]), c[3].ValueKind == JsonValueKind.Number ? c[3].GetDouble() : double.PositiveInfinity))
            .ToArray();
    }

    public static void Write(Utf8JsonWriter w, IReadOnlyList<BudgetRow> budgets)
    {
        if (budgets.Count == 0)
        {
            return;
        }

        w.WriteStartArray("budgets");
        foreach (BudgetRow b in budgets)
        {
            w.WriteStartObject();
            w.WriteString("time", ArchiveTime.ToText(b.Time));
            w.WriteString("subject", b.Subject);
            w.WriteString("kind", b.Kind);
            w.WriteString("unit", b.Unit);
            Number(w, "u_c", b.Combined);
            Number(w, "nu_eff", b.EffectiveDegreesOfFreedom);
            Number(w, "k", b.CoverageFactor);
            Number(w, "U", b.Expanded);
            Number(w, "p", b.CoverageProbability);
            w.WriteStartArray("components");
            foreach (BudgetComponentRow c in b.Components)
            {
                w.WriteStartObject();
                w.WriteString("name", c.Name);
                Number(w, "u", c.StandardUncertainty);
                Number(w, "c", c.SensitivityCoefficient);
                Number(w, "nu", c.DegreesOfFreedom);
                Number(w, "contribution", c.Contribution);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }

    /// <summary>The verification matrix, requirement → measurement → verdict; absent for a run that names no requirement.</summary>
    public static void WriteVerification(Utf8JsonWriter w, IReadOnlyList<RequirementRow> requirements)
    {
        if (requirements.Count == 0)
        {
            return;
        }

        w.WriteStartArray("verification");
        foreach (RequirementRow q in requirements)
        {
            w.WriteStartObject();
            w.WriteString("requirement", q.Requirement);
            w.WriteString("measurement", q.Measurement);
            w.WriteString("verdict", q.Verdict);
            w.WriteString("time", ArchiveTime.ToText(q.Time));
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }

    private static void Number(Utf8JsonWriter w, string name, double value)
    {
        if (double.IsFinite(value))
        {
            w.WriteNumber(name, value);
        }
        else
        {
            w.WriteNull(name);
        }
    }

    private static double ToDouble(JsonElement e) => e.ValueKind == JsonValueKind.Number ? e.GetDouble() : double.NaN;

    private static string Number(double v) => double.IsFinite(v) ? v.ToString("R", CultureInfo.InvariantCulture) : "null";
}
