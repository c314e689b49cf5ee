using System.Globalization;

namespace UsocHil.FirmwareSim.Faults;

/// <summary>
/// A model signal held at <see cref="Value"/> (or, when null, stuck at whatever it reads) from rig time <see cref="At"/>
/// on, or from the first step a model formula <see cref="When"/> holds (<c>ROTOR_RPM&gt;2500</c>): rig time since the
/// emulator started depends on how long the harness took to connect, a state of the plant does not.
/// </summary>
public sealed record SignalFault(string Signal, double? Value, TimeSpan At, string? When = null)
{
    /// <summary><c>NAME:value[@time]</c>, <c>NAME:value@formula</c> or <c>NAME[@time]</c>.</summary>
    public static SignalFault Parse(string spec, string text)
    {
        string[] at = text.Split('@', 2, StringSplitOptions.TrimEntries);
        string[] parts = at[0].Split(':', 2, StringSplitOptions.TrimEntries);
        if (parts[0].Length == 0)
        {
            throw new FaultSpecException(spec, "expected a signal name, as NAME:value[@time] or NAME[@time]");
        }

        double? value = null;
        if (parts.Length == 2)
        {
            value = double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out double v) && double.IsFinite(v)
                ? v
                : throw new FaultSpecException(spec, $"'{parts[1]}' is not a number");
        }

        if (at.Length == 2 && at[1].Length > 0 && !char.IsDigit(at[1][0]))
        {
            return new SignalFault(parts[0], value, TimeSpan.Zero, at[1]);
        }

        return new SignalFault(parts[0], value, at.Length == 2 ? FaultSpecParser.Duration(spec, at[1]) : TimeSpan.Zero);
    }
}
