using System.Globalization;

namespace UsocHil.FirmwareSim.Instruments.Scpi;

/// <summary>Reads a command's parameter: decimal numbers (with MINimum/MAXimum and an optional unit suffix) and booleans.</summary>
public static class ScpiArguments
{
    public static double Number(string? text, double min, double max, string unit)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            throw ScpiException.MissingParameter();
        }

        string value = text.Trim().ToUpperInvariant();
        if (value is "MIN" or "MINIMUM")
        {
            return min;
        }

        if (value is "MAX" or "MAXIMUM")
        {
            return max;
        }

        if (value.EndsWith(unit, StringComparison.Ordinal))
        {
            value = value[..^unit.Length].TrimEnd();
        }

        if (!double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out double number) || !double.IsFinite(number))
        {
            throw ScpiException.DataTypeError();
        }

        return number >= min && number <= max ? number : throw ScpiException.DataOutOfRange();
    }

    public static bool Boolean(string? text) => text?.Trim().ToUpperInvariant() switch
    {
        null or "" => throw ScpiException.MissingParameter(),
        "ON" or "1" => true,
        "OFF" or "0" => false,
        _ => throw ScpiException.IllegalParameterValue(),
    };

    public static string Format(double value, string format = "F4") => value.ToString(format, CultureInfo.InvariantCulture);

    public static string FormatBoolean(bool value) => value ? "1" : "0";
}
