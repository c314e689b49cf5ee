using System.Globalization;
using UsocHil.Protocols.Scpi;

namespace UsocHil.FirmwareSim.Instruments.Scpi;

/// <summary>
/// The parameters of one program message unit, read as the handler asks: decimal numeric program data with
/// MINimum/MAXimum/DEFault/INFinity, suffix multipliers and units (SCPI-99 Vol 1 §7.7), non-decimal numbers
/// (<c>#H1A</c>, <c>#Q17</c>, <c>#B1010</c>), and Booleans as ON/OFF or numbers (a number rounds to an integer, non-zero is ON).
/// </summary>
public sealed class ScpiParameters(IReadOnlyList<string> values)
{
    private static readonly Dictionary<string, double> Multipliers = new(StringComparer.Ordinal)
    {
        ["EX"] = 1e18, ["PE"] = 1e15, ["T"] = 1e12, ["G"] = 1e9, ["MA"] = 1e6, ["K"] = 1e3,
        ["M"] = 1e-3, ["U"] = 1e-6, ["N"] = 1e-9, ["P"] = 1e-12, ["F"] = 1e-15, ["A"] = 1e-18,
    };

    public static readonly ScpiParameters None = new([]);

    public int Count => values.Count;

    /// <summary>A numeric setting within <paramref name="range"/>; out of it is -222 "Data out of range".</summary>
    public double Number(int index, ScpiRange range)
    {
        double value = Value(index, range);
        return value >= range.Min && value <= range.Max ? value : throw ScpiException.DataOutOfRange();
    }

    /// <summary>The value of a numeric parameter before any range check (MAX is the range's maximum, INF is +∞).</summary>
    public double Value(int index, ScpiRange range)
    {
        string text = Raw(index);
        switch (text.ToUpperInvariant())
        {
            case "MIN" or "MINIMUM":
                return range.Min;
            case "MAX" or "MAXIMUM":
                return range.Max;
            case "DEF" or "DEFAULT":
                return range.Default;
            case "INF" or "INFINITY":
                return double.PositiveInfinity;
            case "NINF" or "NINFINITY":
                return double.NegativeInfinity;
            default:
                break;
        }

        if (text.StartsWith('#'))
        {
            return ScpiNumericSyntax.TryParseNonDecimal(text, out double whole) ? whole : throw ScpiException.SyntaxError();
        }

        if (!ScpiNumericSyntax.TryParseDecimal(text, out double number, out int length))
        {
            throw char.IsAsciiLetter(text[0]) || text[0] is '"' or '\'' ? ScpiException.DataTypeError() : ScpiException.SyntaxError();
        }

        string suffix = text[length..].Trim();
        if (suffix.Length > 0 && !char.IsAsciiLetter(suffix[0]))
        {
            throw ScpiException.SyntaxError(); // "1 2": two numbers without a comma.
        }

        return suffix.Length == 0 ? number : number * Multiplier(suffix, range.Unit);
    }

    /// <summary>A query's optional MINimum/MAXimum/DEFault (<c>VOLT? MAX</c>); null when the query has none.</summary>
    public double? Limit(ScpiRange range) => Count == 0
        ? null
        : Raw(0).ToUpperInvariant() switch
        {
            "MIN" or "MINIMUM" => range.Min,
            "MAX" or "MAXIMUM" => range.Max,
            "DEF" or "DEFAULT" => range.Default,
            _ => throw ScpiException.IllegalParameterValue(),
        };

    /// <summary>ON/OFF, or a number rounded to an integer (IEEE 488.2 §7.7.1.3 rounding): non-zero is ON.</summary>
    public bool Boolean(int index)
    {
        string text = Raw(index);
        switch (text.ToUpperInvariant())
        {
            case "ON":
                return true;
            case "OFF":
                return false;
            default:
                break;
        }

        double number;
        if (!(ScpiNumericSyntax.TryParseNonDecimal(text, out number)
            || (ScpiNumericSyntax.TryParseDecimal(text, out number, out int length) && length == text.Length)))
        {
            throw ScpiException.IllegalParameterValue();
        }

        return Math.Round(number, MidpointRounding.AwayFromZero) != 0;
    }

    /// <summary>A register value (*ESE, *SRE, STAT:...:ENAB): a number rounded to an integer within 0..<paramref name="max"/>.</summary>
    public int Register(int index, int max)
    {
        double value = Math.Round(Value(index, new ScpiRange(0, max, 0, "")), MidpointRounding.AwayFromZero);
        return value >= 0 && value <= max ? (int)value : throw ScpiException.DataOutOfRange();
    }

    public static string Format(double value, string format = "F4") => value.ToString(format, CultureInfo.InvariantCulture);

    public static string FormatBoolean(bool value) => value ? "1" : "0";

    /// <summary>The factor a suffix means for <paramref name="unit"/>: <c>MV</c> is milli-, <c>MAV</c> mega-volt, <c>MOHM</c> and <c>MHZ</c> mega (SCPI-99 §7.7.3).</summary>
    private static double Multiplier(string suffix, string unit)
    {
        string upper = suffix.ToUpperInvariant();
        if (unit.Length == 0 || !upper.EndsWith(unit, StringComparison.Ordinal))
        {
            throw ScpiException.InvalidSuffix();
        }

        string prefix = upper[..^unit.Length].TrimEnd();
        if (prefix.Length == 0)
        {
            return 1;
        }

        if (prefix == "M" && unit is "OHM" or "HZ")
        {
            return 1e6;
        }

        return Multipliers.TryGetValue(prefix, out double factor) ? factor : throw ScpiException.InvalidSuffix();
    }

    private string Raw(int index) =>
        index < values.Count && values[index].Length > 0 ? values[index] : throw ScpiException.MissingParameter();
}
