using System.Globalization;

namespace UsocHil.FirmwareSim.Faults;

/// <summary>
/// Reads one <c>name=value</c> fault spec: <c>corrupt=0.01</c>, <c>drop=0.01</c>, <c>delay=200ms</c>,
/// <c>no-response=0.1</c>, <c>stuck-tc=2[@300s]</c>, <c>open-tc=3[@300s]</c> (or <c>@UPTIME&gt;300s</c>: from the unit's boot), <c>slow-heater=0.5</c>,
/// <c>reboot-at=600s</c>, <c>disconnect-at=300s</c>, <c>disconnect-for=60s</c> (the link comes back), <c>supply-trip-at=900s</c>, <c>ref-offset=0.25[@2h]</c> (the reference multimeter off by 0.25 K); for a rig emulated from its model, <c>signal=NAME:value[@300s]</c> or <c>signal=NAME:value@FORMULA</c> (a signal
/// held at a value from a time or once a model formula holds: a large imbalance, a switch opening at speed) and <c>stuck=NAME[@300s]</c> (held where it is). Durations take ms, s, min or h
/// (bare numbers are seconds).
/// </summary>
public static class FaultSpecParser
{
    /// <summary>A fault time written <c>@UPTIME&gt;t</c> counts from the end of the unit's boot.</summary>
    public const string UptimePrefix = "UPTIME>";

    public const string Names = "corrupt, drop, delay, no-response, stuck-tc, open-tc, slow-heater, reboot-at, disconnect-at, disconnect-for, supply-trip-at, ref-offset, signal, stuck";

    public static FaultPlan Apply(FaultPlan plan, string spec)
    {
        string[] parts = spec.Split('=', 2, StringSplitOptions.TrimEntries);
        if (parts.Length != 2 || parts[1].Length == 0)
        {
            throw new FaultSpecException(spec, $"expected name=value, with name one of {Names}");
        }

        string value = parts[1];
        plan = plan with { Specs = [.. plan.Specs, spec] };
        return parts[0].ToLowerInvariant() switch
        {
            "corrupt" => plan with { CorruptRate = Probability(spec, value) },
            "drop" => plan with { DropRate = Probability(spec, value) },
            "no-response" => plan with { NoResponseRate = Probability(spec, value) },
            "delay" => plan with { ResponseDelay = Duration(spec, value) },
            "slow-heater" => plan with { HeaterFactor = Fraction(spec, value) },
            "reboot-at" => plan with { RebootAt = Duration(spec, value) },
            "disconnect-at" => plan with { DisconnectAt = Duration(spec, value) },
            "disconnect-for" => plan with { DisconnectFor = Duration(spec, value) },
            "supply-trip-at" => plan with { SupplyTripAt = Duration(spec, value) },
            "stuck-tc" => plan with { Sensors = [.. plan.Sensors, Sensor(spec, value, SensorFaultKind.Stuck)] },
            ReferenceOffsetFault.Name => plan with { ReferenceOffset = ReferenceOffsetFault.Parse(spec, value) },
            "open-tc" => plan with { Sensors = [.. plan.Sensors, Sensor(spec, value, SensorFaultKind.Open)] },
            "signal" => plan with { Signals = [.. plan.Signals, SignalFault.Parse(spec, value)] },
            "stuck" => plan with { Signals = [.. plan.Signals, SignalFault.Parse(spec, value)] },
            _ => throw new FaultSpecException(spec, $"unknown fault '{parts[0]}'; known: {Names}"),
        };
    }

    public static TimeSpan Duration(string spec, string text)
    {
        (string number, double scale) = text switch
        {
            _ when text.EndsWith("ms", StringComparison.OrdinalIgnoreCase) => (text[..^2], 0.001),
            _ when text.EndsWith("min", StringComparison.OrdinalIgnoreCase) => (text[..^3], 60.0),
            _ when text.EndsWith('h') || text.EndsWith('H') => (text[..^1], 3600.0),
            _ when text.EndsWith('s') || text.EndsWith('S') => (text[..^1], 1.0),
            _ => (text, 1.0),
        };
        if (!double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out double amount) || !(amount >= 0) || double.IsInfinity(amount))
        {
            throw new FaultSpecException(spec, $"'{text}' is not a duration; write e.g. 200ms, 300s, 5min or 2h");
        }

        return TimeSpan.FromSeconds(amount * scale);
    }

    private static double Probability(string spec, string text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double p) && p is >= 0 and <= 1
            ? p
            : throw new FaultSpecException(spec, $"'{text}' is not a probability between 0 and 1");

    private static double Fraction(string spec, string text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double f) && f is > 0 and <= 1
            ? f
            : throw new FaultSpecException(spec, $"'{text}' is not a fraction of power in (0, 1]");

    private static SensorFault Sensor(string spec, string text, SensorFaultKind kind)
    {
        string[] parts = text.Split('@', 2, StringSplitOptions.TrimEntries);
        if (!int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out int tc) || tc is < 1 or > 3)
        {
            throw new FaultSpecException(spec, $"'{parts[0]}' is not a thermocouple number 1, 2 or 3");
        }

        if (parts.Length == 2 && parts[1].StartsWith(UptimePrefix, StringComparison.OrdinalIgnoreCase))
        {
            return new SensorFault(tc, kind, Duration(spec, parts[1][UptimePrefix.Length..].Trim()), FromBoot: true);
        }

        return new SensorFault(tc, kind, parts.Length == 2 ? Duration(spec, parts[1]) : TimeSpan.Zero);
    }
}
