using Newtonsoft.Json.Linq;
using UsocHil.Description;
using UsocHil.Dictionary;

namespace UsocHil.Configuration;

/// <summary>
/// A string or octet parameter (<c>stringN</c>, <c>bytesN</c>) has no number: no calibration, curve, labels, time,
/// range or limit can apply to it.
/// </summary>
internal static class BlockChecks
{
    public static IEnumerable<ConfigurationProblem> Check(string file, JToken document, RigDefinition rig)
    {
        var blocks = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < rig.Dictionary.Parameters.Count; i++)
        {
            ParameterDefinition parameter = rig.Dictionary.Parameters[i];
            if (!FieldType.TryParse(parameter.Type, out FieldType type) || !type.IsBlock)
            {
                continue;
            }

            blocks.Add(parameter.Name);
            string? numeric = parameter.Calibration is not null ? "calibration" : parameter.Spline is not null ? "spline" : parameter.Enum is not null ? "enum"
                : parameter.Time is not null ? "time" : parameter.Range is not null ? "range" : null;
            if (numeric is not null)
            {
                yield return RigChecks.At(file, document, $"dictionary.parameters[{i}].{numeric}",
                    $"'{parameter.Name}' is a {parameter.Type}, text or octets with no number: a {numeric} cannot apply to it");
            }
        }

        for (int i = 0; i < rig.Limits.Count; i++)
        {
            if (blocks.Contains(rig.Limits[i].Parameter) || (rig.Limits[i].When is { } when && blocks.Contains(when.Parameter)))
            {
                yield return RigChecks.At(file, document, $"limits[{i}]", $"a limit cannot watch or depend on '{(blocks.Contains(rig.Limits[i].Parameter) ? rig.Limits[i].Parameter : rig.Limits[i].When!.Parameter)}', which is text or octets");
            }
        }
    }
}
