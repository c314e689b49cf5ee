using System.Globalization;

namespace UsocHil.Protocols.Scpi;

/// <summary>
/// A numeric response (IEEE 488.2 NR1/NR2/NR3, e.g. <c>2.80E+01</c>), optionally followed by a unit (<c>28.0 V</c>).
/// SCPI's 9.9E37 means overflow (+∞) and 9.91E37 "not a number".
/// </summary>
public readonly record struct ScpiNumber(double Value, string? Unit)
{
    public static ScpiNumber Parse(string response, string endpoint)
    {
        string text = response.Trim();
        int split = 0;
        while (split < text.Length && (char.IsAsciiDigit(text[split]) || text[split] is '+' or '-' or '.' or 'e' or 'E'))
        {
            // An 'E' only belongs to the number when an exponent follows; "28.0E" alone would be a unit.
            if (text[split] is 'e' or 'E' && !(split + 1 < text.Length && (char.IsAsciiDigit(text[split + 1]) || text[split + 1] is '+' or '-')))
            {
                break;
            }

            split++;
        }

        if (!double.TryParse(text.AsSpan(0, split), NumberStyles.Float, CultureInfo.InvariantCulture, out double value))
        {
            throw new ScpiException(endpoint, $"'{response}' is not a number");
        }

        string unit = text[split..].Trim();
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
