using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;

namespace UsocHil.Cli;

/// <summary>
/// <c>--time-scale</c>, read strictly: a plain decimal number ("400", "0.5", "2e3"), never "1,5" read as 15, and within
/// what an emulator can follow (a scale of 1e308 would date the run centuries ahead; 1e-300 would never finish); for
/// <c>run</c> also "max", rig time as fast as harness and an in-process emulator follow.
/// </summary>
internal static class TimeScaleOption
{
    public const double Min = 0.001;
    public const double Max = 100_000;

    public static Option<double?> Create(string description, bool allowMax = false) => new("--time-scale")
    {
        Description = $"{description}; between {Min.ToString(CultureInfo.InvariantCulture)} and {Max.ToString("N0", CultureInfo.InvariantCulture)}"
            + (allowMax ? ", or max: as fast as harness and emulator follow (emulated rigs)" : ""),
        CustomParser = allowMax ? ParseOrMax : Parse,
    };

    private static double? ParseOrMax(ArgumentResult result) =>
        result.Tokens is [{ Value: "max" }] ? Hosting.RunClock.AsFastAsFollowed : Parse(result);

    private static double? Parse(ArgumentResult result)
    {
        string text = result.Tokens.Count == 1 ? result.Tokens[0].Value : "";
        if (!double.TryParse(text, NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out double scale)
            || !double.IsFinite(scale))
        {
            result.AddError($"--time-scale '{text}' is not a number (write 0.5, not 0,5)");
            return null;
        }

        if (scale is < Min or > Max)
        {
            result.AddError($"--time-scale {text} is outside {Min.ToString(CultureInfo.InvariantCulture)} to {Max.ToString("N0", CultureInfo.InvariantCulture)} rig seconds per wall second");
            return null;
        }

        return scale;
    }
}
