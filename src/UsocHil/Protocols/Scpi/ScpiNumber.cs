using System.Globalization;

namespace UsocHil.Protocols.Scpi;

/// <summary>
/// A numeric response (IEEE 488.2 NR1/NR2/NR3, e.g. <c>2.80E+01</c>, or a non-decimal <c>#H1A</c>), optionally followed
/// by a unit (<c>28.0 V</c>). SCPI's 9.9E37 means overflow (+∞) and 9.91E37 "not a number". One response message unit
/// only: an answer of several units (<c>28.0;3.0</c>) is split by <see cref="ScpiResponse"/> first.
/// </summary>
public readonly record struct ScpiNumber(double Value, string? Unit)
{
    public static ScpiNumber Parse(string response, string endpoint)
    {
        string text = response.Trim();
        if (ScpiNumericSyntax.TryParseNonDecimal(text, out double whole))
        {
            return new ScpiNumber(whole, null);
        }

        if (!ScpiNumericSyntax.TryParseDecimal(text, out double value, out int length))
        {
            throw new ScpiException(endpoint, $"'{response}' is not a number");
        }

        string unit = text[length..].Trim();
        if (unit.Any(c => c is ';' or ',' or '"' or '\'' or '#' || char.IsControl(c)))
        {
            throw new ScpiException(endpoint, $"'{response}' is not one number: '{unit}' is not a unit (several response units are split at ';' first)");
        }

        value = value switch
        {
            9.91e37 => double.NaN,
            >= 9.9e37 => double.PositiveInfinity,
            <= -9.9e37 => double.NegativeInfinity,
            _ => value,
        };
        return new ScpiNumber(value, unit.Length == 0 ? null : unit);
    }

    public override string ToString() => Unit is null ? Value.ToString(CultureInfo.InvariantCulture) : $"{Value.ToString(CultureInfo.InvariantCulture)} {Unit}";
}
