using System.Globalization;
using UsocHil.Description;

namespace UsocHil.MissionDatabase.Xtce;

/// <summary>
/// Context alarms' comparisons as limit conditions, once every parameter is known: the XTCE parameter becomes its rig
/// name, an enumeration label its code. A condition the rig cannot check (an unknown parameter, a raw value of a
/// calibrated one, a label the enumeration lacks) drops its limit as a safety loss.
/// </summary>
internal static class XtceConditions
{
    public static IEnumerable<LimitDefinition> Resolve(IEnumerable<(LimitDefinition Limit, XtceCondition? When)> pending,
        IReadOnlyDictionary<string, ParameterDefinition> parameters, ImportReport report)
    {
        var seen = new HashSet<(string, LimitCondition?)>();
        foreach ((LimitDefinition limit, XtceCondition? when) in pending)
        {
            string? whyNot = null;
            LimitCondition? condition = null;
            if (when is not null)
            {
                (condition, whyNot) = Condition(when, parameters);
            }

            whyNot ??= seen.Add((limit.Parameter, condition)) ? null : "a second alarm on this parameter under the same condition";
            if (whyNot is not null)
            {
                report.Dropped(when?.Location ?? $"{limit.Parameter}:0", when is null ? "DefaultAlarm" : "ContextAlarm", limit.Parameter, whyNot, safetyRelevant: true);
                continue;
            }

            yield return limit with { When = condition };
        }
    }

    private static (LimitCondition?, string?) Condition(XtceCondition when, IReadOnlyDictionary<string, ParameterDefinition> parameters)
    {
        if (!parameters.TryGetValue(when.ParameterRef, out ParameterDefinition? parameter))
        {
            return (null, $"its context parameter {when.ParameterRef} is not imported");
        }

        if (!when.Calibrated && (parameter.Calibration is not null || parameter.Spline is not null))
        {
            return (null, $"its context compares the raw value of {when.ParameterRef}, which is calibrated");
        }

        double? value = double.TryParse(when.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out double number) && double.IsFinite(number) ? number
            : parameter.Enum?.FirstOrDefault(e => e.Value == when.Value).Key is string code ? double.Parse(code, CultureInfo.InvariantCulture)
            : null;
        return value is null
            ? (null, $"its context value '{when.Value}' is neither a number nor a label of {when.ParameterRef}")
            : (new LimitCondition { Parameter = parameter.Name, Value = value.Value }, null);
    }
}
