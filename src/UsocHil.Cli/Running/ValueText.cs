using System.Globalization;
using UsocHil.Description;

namespace UsocHil.Cli.Running;

/// <summary>
/// A value as the payload engineer names it: an enumerated parameter by its dictionary name (<c>MODE CONTROL</c>,
/// not <c>MODE 2.00</c>), a number with the digits that matter and its dictionary unit, and no unit where there is none.
/// </summary>
internal static class ValueText
{
    public static string WithUnit(double value, string? unit) =>
        string.IsNullOrEmpty(unit) ? Number(value) : $"{Number(value)} {unit}";

    /// <summary>Six significant digits: more than any sensor of the rig resolves, and never 17.</summary>
    public static string Number(double value) => value.ToString("G6", CultureInfo.InvariantCulture);

    /// <summary>A value of <paramref name="parameter"/> (null when the dictionary does not know it).</summary>
    public static string Of(ParameterDefinition? parameter, double value)
    {
        if (parameter?.Enum is { } names && names.TryGetValue(value.ToString(CultureInfo.InvariantCulture), out string? name))
        {
            return name;
        }

        return WithUnit(value, parameter?.Unit);
    }

    /// <summary>A measured value; an enumerated parameter's own value by its name (not a time measured on it).</summary>
    public static string Of(Sequencing.Measurement measurement, RigDictionary? dictionary) =>
        dictionary is not null && measurement.Result.Parameters is [string parameter] && parameter == measurement.Name && Find(dictionary, parameter) is { Enum: not null } enumerated
            ? Of(enumerated, measurement.Value)
            : WithUnit(measurement.Value, measurement.Unit);

    public static ParameterDefinition? Find(RigDictionary dictionary, string parameter) =>
        dictionary.Parameters.FirstOrDefault(p => string.Equals(p.Name, parameter, StringComparison.Ordinal));
}
