using Newtonsoft.Json.Linq;
using UsocHil.Description;
using UsocHil.Dictionary;

namespace UsocHil.Configuration;

/// <summary>
/// What the schema cannot see in a parameter's <c>time</c>: an epoch nobody can read, a unit other than seconds, or a
/// boolean that cannot count time; a CDS time (<c>cdsN</c>) is an absolute time in seconds as read, with no curve.
/// </summary>
internal static class TimeChecks
{
    public static IEnumerable<ConfigurationProblem> Check(string file, JToken document, RigDictionary dictionary)
    {
        for (int i = 0; i < dictionary.Parameters.Count; i++)
        {
            ParameterDefinition parameter = dictionary.Parameters[i];
            bool daySegmented = FieldType.TryParse(parameter.Type, out FieldType fieldType) && fieldType.Kind == FieldKind.DaySegmented;
            if (daySegmented && (parameter.Time is not { Epoch: not null } || parameter.Calibration is not null || parameter.Spline is not null || parameter.Enum is not null))
            {
                yield return RigChecks.At(file, document, $"dictionary.parameters[{i}].{(parameter.Time is not { Epoch: not null } ? "time" : parameter.Calibration is not null ? "calibration" : parameter.Spline is not null ? "spline" : "enum")}",
                    $"'{parameter.Name}' is a CCSDS day-segmented time ({parameter.Type}): it needs \"time\": {{ \"epoch\": ... }} (CCSDS level 1: TAI) and takes no calibration, spline or labels");
            }

            if (parameter.Time is not { } time)
            {
                continue;
            }

            if (time.Relative == time.Epoch is not null)
            {
                yield return RigChecks.At(file, document, $"dictionary.parameters[{i}].time",
                    $"'{parameter.Name}' is either an absolute time (epoch) or a relative one (relative: true), not {(time.Relative ? "both" : "neither")}");
            }
            else if (!time.Relative && !TimeEpochs.TryParse(time.Epoch, out _))
            {
                yield return RigChecks.At(file, document, $"dictionary.parameters[{i}].time.epoch",
                    $"'{time.Epoch}' is not an epoch for '{parameter.Name}'; write {string.Join(", ", TimeEpochs.Names)} or an ISO 8601 date or date-time");
            }

            if (parameter.Unit is not null and not "s")
            {
                yield return RigChecks.At(file, document, $"dictionary.parameters[{i}].unit",
                    $"time parameter '{parameter.Name}' counts seconds, not '{parameter.Unit}'");
            }

            if (FieldType.TryParse(parameter.Type, out FieldType type) && type.Kind == FieldKind.Boolean)
            {
                yield return RigChecks.At(file, document, $"dictionary.parameters[{i}].type",
                    $"time parameter '{parameter.Name}' cannot be a boolean");
            }
        }
    }
}
