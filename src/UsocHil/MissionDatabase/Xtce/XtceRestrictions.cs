using System.Globalization;
using System.Xml.Linq;
using UsocHil.Description;

namespace UsocHil.MissionDatabase.Xtce;

/// <summary>
/// An XTCE restriction criteria as the rig's restrictions: one <c>Comparison</c>, a <c>ComparisonList</c>, or a
/// <c>BooleanExpression</c> of <c>ANDedConditions</c> comparing with literal values. Anything else cannot identify a
/// packet here, and says why.
/// </summary>
internal sealed class XtceRestrictions(XtceCoverage coverage, IReadOnlyDictionary<string, ParameterDefinition> parameters)
{
    public IReadOnlyList<RestrictionDefinition>? Read(XElement criteria, out string? whyNot)
    {
        try
        {
            return ReadCriteria(criteria, out whyNot);
        }
        catch (XtceValueException e)
        {
            whyNot = e.Message;
            return null;
        }
    }

    private IReadOnlyList<RestrictionDefinition>? ReadCriteria(XElement criteria, out string? whyNot)
    {
        whyNot = null;
        coverage.Read(criteria);
        var restrictions = new List<RestrictionDefinition>();
        foreach (XElement part in criteria.Elements())
        {
            coverage.Read(part);
            IEnumerable<XElement> comparisons = part.Name.LocalName switch
            {
                "Comparison" => [part],
                "ComparisonList" => part.Children("Comparison"),
                "BooleanExpression" when part.Elements().Count() == 1 && part.Elements().Single().Name.LocalName == "ANDedConditions" => part.Elements().Single().Elements(),
                "BooleanExpression" when part.Elements().Count() == 1 && part.Elements().Single().Name.LocalName == "Condition" => part.Elements(),
                _ => [],
            };
            if (!comparisons.Any())
            {
                whyNot = $"{part.Name.LocalName} {string.Join(" ", part.Elements().Select(e => e.Name.LocalName))} is not supported (comparisons and ANDed conditions are)";
                return null;
            }

            coverage.Read(part.Elements());
            foreach (XElement comparison in comparisons)
            {
                RestrictionDefinition? restriction = comparison.Name.LocalName == "Condition" ? Condition(comparison, out whyNot) : Comparison(comparison, out whyNot);
                if (restriction is null)
                {
                    return null;
                }

                restrictions.Add(restriction);
            }
        }

        return restrictions;
    }

    private RestrictionDefinition? Comparison(XElement comparison, out string? whyNot)
    {
        coverage.Read(comparison);
        return Restriction(
            (string?)comparison.Attribute("parameterRef"),
            (string?)comparison.Attribute("comparisonOperator") ?? "==",
            (string?)comparison.Attribute("value"),
            comparison.Bool("useCalibratedValue") ?? true,
            out whyNot);
    }

    private RestrictionDefinition? Condition(XElement condition, out string? whyNot)
    {
        coverage.ReadAll(condition);
        XElement? reference = condition.Child("ParameterInstanceRef");
        if (condition.Child("Value") is null)
        {
            whyNot = "a condition comparing two parameters is not supported (a literal value is)";
            return null;
        }

        return Restriction(
            (string?)reference?.Attribute("parameterRef"),
            condition.Text("ComparisonOperator") ?? "==",
            condition.Text("Value"),
            reference?.Bool("useCalibratedValue") ?? true,
            out whyNot);
    }

    private RestrictionDefinition? Restriction(string? reference, string comparison, string? text, bool calibrated, out string? whyNot)
    {
        whyNot = null;
        string op = comparison == "=" ? "==" : comparison;
        if (reference is null || !parameters.TryGetValue(XtceNames.Reference(reference), out ParameterDefinition? parameter))
        {
            whyNot = $"the restriction names parameter {reference}, which is not imported";
            return null;
        }

        if (op is not ("==" or "!=" or "<" or "<=" or ">" or ">="))
        {
            whyNot = $"comparison operator {comparison} is not one of == != < <= > >=";
            return null;
        }

        string value = text?.Trim() ?? "";
        bool curved = parameter.Calibration is { Count: > 0 } || parameter.Spline is { Count: > 0 };
        if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out double number) && double.IsFinite(number))
        {
            return new RestrictionDefinition { Parameter = parameter.Name, Value = number, Operator = op, Calibrated = calibrated && curved };
        }

        // A label (an enumeration's, or a boolean's True/False) compares as its raw value.
        string? raw = parameter.Enum?.FirstOrDefault(e => string.Equals(e.Value, value, StringComparison.Ordinal)).Key;
        if (raw is not null && double.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out double rawValue) && double.IsFinite(rawValue))
        {
            return new RestrictionDefinition { Parameter = parameter.Name, Value = rawValue, Operator = op };
        }

        whyNot = $"the restriction value '{value}' of {parameter.Name} is neither a number nor one of its labels";
        return null;
    }
}
