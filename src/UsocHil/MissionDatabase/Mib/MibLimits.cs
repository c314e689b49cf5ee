using System.Globalization;
using UsocHil.Description;

namespace UsocHil.MissionDatabase.Mib;

/// <summary>
/// OCF/OCP monitoring checks as the rig's limits: OCP rows with the same applicability (OCP_RLCHK, OCP_VALPAR) make
/// one limit, checked only while that parameter has that value; in it the soft (S) check is the yellow band, the hard
/// (H) one the red, delta (D) checks the change between consecutive samples (one D row: yellow and red alike; two: the
/// narrower yellow, the wider red); OCF's number of checks is the persistence. A delta measured per second of rig time
/// travels as a <c>usoc_hil.dat</c> row, since SCOS-2000's delta check is per sample. Event (E) and status
/// consistency checks are dropped as safety losses.
/// </summary>
internal sealed class MibLimits(ImportReport report, IReadOnlyDictionary<(string Kind, string Name, string Property), MibRow> extension)
{
    public const string PerSecond = "delta-per-second";

    /// <summary>The <c>usoc_hil.dat</c> property marking a parameter's delta check, under an applicability, as per second.</summary>
    public static string PerSecondProperty(LimitCondition? when) =>
        when is null ? PerSecond : $"{PerSecond}:{when.Parameter}={when.Value.ToString("R", CultureInfo.InvariantCulture)}";

    public IReadOnlyList<LimitDefinition> Read(MibTable ocf, MibTable ocp, IReadOnlyDictionary<string, Description.ParameterDefinition> parameters)
    {
        var limits = new List<LimitDefinition>();
        foreach (MibRow check in ocf.Rows)
        {
            string name = check[0];
            if (!parameters.TryGetValue(name, out Description.ParameterDefinition? parameter))
            {
                report.Dropped(check.Location, "OCF", name, "its parameter is not imported", safetyRelevant: true);
                continue;
            }

            int persistence = Math.Max(1, check.Int(1) ?? 1);
            foreach (var applicability in ocp.Rows.Where(r => r[0] == name).GroupBy(r => (r[5], r[6])))
            {
                if (Limit(parameter, applicability.ToList(), parameters, persistence) is { } limit)
                {
                    limits.Add(limit);
                    report.Imported(check.Location, "OCF", name, (limit.Red is [double low, double high] && low == -double.MaxValue && high == double.MaxValue ? "no hard limit: red never trips" : "limit")
                        + (limit.When is { } w ? $" while {w}" : ""));
                }
            }
        }

        return limits;
    }

    private LimitDefinition? Limit(Description.ParameterDefinition parameter, IReadOnlyList<MibRow> rows, IReadOnlyDictionary<string, Description.ParameterDefinition> parameters, int persistence)
    {
        string name = parameter.Name;
        LimitCondition? when = null;
        if (rows[0][5].Length > 0)
        {
            when = Applicability(rows[0], parameters);
            if (when is null)
            {
                return null;
            }
        }

        IReadOnlyList<double>? yellow = null, red = null;
        var deltas = new List<double>();
        foreach (MibRow row in rows)
        {
            string? whyNot = row[2] is not ("S" or "H" or "D") ? $"check type {row[2]} is not supported (soft S, hard H and delta D checks are)"
                : row.Double(3) is null || row.Double(4) is null ? "its bounds are not numbers"
                : null;
            if (whyNot is not null)
            {
                report.Dropped(row.Location, "OCP", name, whyNot, safetyRelevant: true);
                continue;
            }

            double low = row.Double(3)!.Value, high = row.Double(4)!.Value;
            if (row[2] == "D")
            {
                if (low != -high)
                {
                    report.Approximated(row.Location, "OCP", name, $"the delta range [{row[3]}, {row[4]}] is checked as the symmetric ±{Math.Min(Math.Abs(low), Math.Abs(high))}", safetyRelevant: true);
                }

                deltas.Add(Math.Min(Math.Abs(low), Math.Abs(high)));
                report.Imported(row.Location, "OCP", name, $"delta [{row[3]}, {row[4]}]");
                continue;
            }

            if (row[2] == "S")
            {
                yellow = [low, high];
            }
            else
            {
                red = [low, high];
            }

            report.Imported(row.Location, "OCP", name, $"{(row[2] == "S" ? "yellow" : "red")} [{row[3]}, {row[4]}]");
        }

        DeltaLimitDefinition? delta = null;
        if (deltas.Count > 0)
        {
            if (deltas.Count > 2 || deltas.Any(d => d <= 0))
            {
                report.Dropped(rows[0].Location, "OCP", name, "more than two delta checks, or a delta of zero, under one applicability", safetyRelevant: true);
                return null;
            }

            bool perSecond = extension.Flag(MibExtension.Parameter, name, PerSecondProperty(when));
            delta = new DeltaLimitDefinition { Yellow = deltas.Min(), Red = deltas.Max(), Per = perSecond ? DeltaBasis.Second : DeltaBasis.Sample };
        }

        if (yellow is null && red is null && delta is null)
        {
            return null;
        }

        var limit = new LimitDefinition
        {
            Parameter = name,
            Yellow = yellow ?? red,
            Red = red ?? (yellow is null ? null : [-double.MaxValue, double.MaxValue]),
            Persistence = persistence,
            Delta = delta,
            When = when,
        };
        if (!ImportedDictionary.Nested(limit))
        {
            report.Dropped(rows[0].Location, "OCP", name, "its bands are not [low, high] with the soft band inside the hard one", safetyRelevant: true);
            return null;
        }

        return limit;
    }

    /// <summary>OCP_RLCHK and OCP_VALPAR: the parameter and its raw value while which the checks apply.</summary>
    private LimitCondition? Applicability(MibRow row, IReadOnlyDictionary<string, Description.ParameterDefinition> parameters)
    {
        string? whyNot = !parameters.TryGetValue(row[5], out Description.ParameterDefinition? condition) ? $"applies while {row[5]} is {row[6]}, a parameter not imported"
            : row.Double(6) is null ? $"its applicability value '{row[6]}' is not a number"
            : null;
        if (whyNot is not null)
        {
            report.Dropped(row.Location, "OCP", row[0], whyNot, safetyRelevant: true);
            return null;
        }

        if (condition!.Calibration is not null || condition.Spline is not null)
        {
            report.Approximated(row.Location, "OCP", row[0], $"OCP_VALPAR {row[6]} is compared with the calibrated value of {row[5]}, not its raw value", safetyRelevant: true);
        }

        return new LimitCondition { Parameter = condition.Name, Value = row.Double(6)!.Value };
    }
}
