using Newtonsoft.Json.Linq;
using UsocHil.Description;

namespace UsocHil.Configuration;

/// <summary>What the schema cannot see in a rig's limits: known parameters, nested bands, a delta limit's order, one limit per condition.</summary>
internal static class LimitChecks
{
    public static IEnumerable<ConfigurationProblem> Check(string file, JToken document, IReadOnlyList<LimitDefinition> limits, HashSet<string> parameterNames)
    {
        var seen = new HashSet<(string, LimitCondition?)>();
        for (int i = 0; i < limits.Count; i++)
        {
            LimitDefinition limit = limits[i];
            string at = $"limits[{i}]";
            if (!parameterNames.Contains(limit.Parameter))
            {
                yield return RigChecks.At(file, document, $"{at}.parameter", $"unknown parameter '{limit.Parameter}'");
            }

            if ((limit.Yellow is null) != (limit.Red is null))
            {
                yield return RigChecks.At(file, document, at, "give yellow and red together, or neither");
            }
            else if (limit.Yellow is null && limit.Delta is null)
            {
                yield return RigChecks.At(file, document, at, "a limit needs yellow and red bands, a delta limit, or both");
            }
            else if (limit.Yellow is [double yl, double yh] && limit.Red is [double rl, double rh] && (yl > yh || rl > rh || rl > yl || rh < yh))
            {
                yield return RigChecks.At(file, document, at, "bands must be [low, high] with the yellow band inside the red one");
            }

            if (limit.Delta is { } delta && !(delta.Yellow <= delta.Red))
            {
                yield return RigChecks.At(file, document, $"{at}.delta.red", $"red delta {delta.Red} is smaller than yellow delta {delta.Yellow}");
            }

            if (limit.When is { } when && !parameterNames.Contains(when.Parameter))
            {
                yield return RigChecks.At(file, document, $"{at}.when.parameter", $"unknown parameter '{when.Parameter}'");
            }
            else if (limit.When?.Parameter == limit.Parameter)
            {
                yield return RigChecks.At(file, document, $"{at}.when.parameter", "a limit cannot depend on its own parameter");
            }

            if (!seen.Add((limit.Parameter, limit.When)))
            {
                string condition = limit.When is { } w ? $" while {w}" : " without a condition";
                yield return RigChecks.At(file, document, at, $"a second limit on '{limit.Parameter}'{condition}");
            }
        }
    }
}
