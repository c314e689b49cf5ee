using Newtonsoft.Json.Linq;
using UsocHil.Description;
using UsocHil.Dictionary;

namespace UsocHil.Configuration;

/// <summary>
/// What the schema cannot see in a dictionary's wider field types and packet layouts: a bit-sized parameter in a PUS
/// service (housekeeping, service 20), a curve given twice or with falling points, a layout naming what is not there.
/// </summary>
internal static class PacketChecks
{
    public static IEnumerable<ConfigurationProblem> Check(string file, JToken document, RigDictionary dictionary)
    {
        var byName = dictionary.Parameters.GroupBy(p => p.Name, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        for (int i = 0; i < dictionary.Parameters.Count; i++)
        {
            ParameterDefinition parameter = dictionary.Parameters[i];
            bool pusType = FieldType.TryParse(parameter.Type, out FieldType type) && type.WireType is not null;
            if (parameter.Settable && !pusType)
            {
                yield return RigChecks.At(file, document, $"dictionary.parameters[{i}].type", $"settable parameter '{parameter.Name}' is a {parameter.Type}; service 20 carries only whole-octet types (uint8 to int32, float32, float64)");
            }

            if (parameter.Spline is { } spline && parameter.Calibration is { Count: > 0 })
            {
                yield return RigChecks.At(file, document, $"dictionary.parameters[{i}].spline", $"parameter '{parameter.Name}' has both a polynomial calibration and a spline; keep one");
            }

            if (parameter.Spline is { } points && points.Zip(points.Skip(1)).Any(pair => pair.Second[0] <= pair.First[0]))
            {
                yield return RigChecks.At(file, document, $"dictionary.parameters[{i}].spline", $"the spline points of '{parameter.Name}' must rise in raw value");
            }
        }

        for (int s = 0; s < dictionary.Housekeeping.Count; s++)
        {
            for (int p = 0; p < dictionary.Housekeeping[s].Parameters.Count; p++)
            {
                if (byName.TryGetValue(dictionary.Housekeeping[s].Parameters[p], out ParameterDefinition? member)
                    && !(FieldType.TryParse(member.Type, out FieldType type) && type.WireType is not null))
                {
                    yield return RigChecks.At(file, document, $"dictionary.housekeeping[{s}].parameters[{p}]", $"'{member.Name}' is a {member.Type}; a housekeeping structure carries only whole-octet types (a packet layout carries any)");
                }
            }
        }

        string? layoutProblem = null;
        try
        {
            _ = new PacketLayouts(dictionary);
        }
        catch (ArgumentException e)
        {
            layoutProblem = e.Message[..(e.Message.IndexOf(" (Parameter", StringComparison.Ordinal) is int end and >= 0 ? end : e.Message.Length)];
        }

        if (layoutProblem is not null)
        {
            yield return RigChecks.At(file, document, "dictionary.packets", layoutProblem);
        }
    }
}
