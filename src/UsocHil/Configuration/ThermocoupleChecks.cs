using Newtonsoft.Json.Linq;
using UsocHil.Calibration.Thermocouples;
using UsocHil.Description;

namespace UsocHil.Configuration;

/// <summary>
/// What the schema cannot see in a parameter's <c>thermocouple</c>: a type nobody registered, or a parameter that is not
/// an indicated temperature in degC (the reference functions are tabulated in degC).
/// </summary>
internal static class ThermocoupleChecks
{
    public static IEnumerable<ConfigurationProblem> Check(string file, JToken document, RigDictionary dictionary)
    {
        for (int i = 0; i < dictionary.Parameters.Count; i++)
        {
            ParameterDefinition parameter = dictionary.Parameters[i];
            if (parameter.Thermocouple is not { } thermocouple)
            {
                continue;
            }

            if (!ThermocoupleReferences.TryGet(thermocouple.Type, out _))
            {
                yield return RigChecks.At(file, document, $"dictionary.parameters[{i}].thermocouple.type",
                    $"unknown thermocouple type '{thermocouple.Type}' for '{parameter.Name}'; known: {string.Join(", ", ThermocoupleReferences.Types)}");
            }

            if (parameter.Unit != "degC")
            {
                yield return RigChecks.At(file, document, $"dictionary.parameters[{i}].unit",
                    $"thermocouple parameter '{parameter.Name}' must be an indicated temperature in degC, not '{parameter.Unit ?? "no unit"}'");
            }
        }
    }
}
