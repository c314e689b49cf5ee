using UsocHil.Description;

namespace UsocHil.MissionDatabase.Mib;

/// <summary>
/// A parameter's limits as one OCF row and its OCP checks, as <see cref="MibLimits"/> reads them back: per limit a soft
/// and a hard check, two delta checks (yellow, then red), all under the limit's applicability.
/// </summary>
internal static class MibLimitWriter
{
    public static void Write(ParameterDefinition parameter, IReadOnlyList<LimitDefinition> limits, IReadOnlyList<ParameterDefinition> parameters, string codin, Func<string, List<string[]>> table)
    {
        if (limits.Select(l => l.Persistence).Distinct().Count() > 1)
        {
            throw new MissionDatabaseException($"{parameter.Name}:0", "limits with different persistence on one parameter do not fit OCF (one OCF_NBCHCK per parameter)");
        }

        var checks = new List<string[]>();
        foreach (LimitDefinition limit in limits)
        {
            string rlchk = limit.When?.Parameter ?? "", valpar = limit.When is { } w ? MibExporter.Text(w.Value) : "";
            if (limit.When is { } when && parameters.FirstOrDefault(p => p.Name == when.Parameter) is { } condition && (condition.Calibration is not null || condition.Spline is not null))
            {
                throw new MissionDatabaseException($"{parameter.Name}:0", $"a limit applicable while calibrated {when.Parameter} has a value does not fit OCP (OCP_VALPAR is a raw value)");
            }

            if (limit is { Yellow: [double yl, double yh], Red: [double rl, double rh] })
            {
                checks.Add([parameter.Name, "", "S", MibExporter.Text(yl), MibExporter.Text(yh), rlchk, valpar]);
                checks.Add([parameter.Name, "", "H", MibExporter.Text(rl), MibExporter.Text(rh), rlchk, valpar]);
            }

            if (limit.Delta is { } delta)
            {
                checks.Add([parameter.Name, "", "D", MibExporter.Text(-delta.Yellow), MibExporter.Text(delta.Yellow), rlchk, valpar]);
                checks.Add([parameter.Name, "", "D", MibExporter.Text(-delta.Red), MibExporter.Text(delta.Red), rlchk, valpar]);
                if (delta.Per == DeltaBasis.Second)
                {
                    table(MibExtension.Table).Add([MibExtension.Parameter, parameter.Name, MibLimits.PerSecondProperty(limit.When), "1"]);
                }
            }
        }

        table("ocf").Add([parameter.Name, MibExporter.Text(limits[0].Persistence), MibExporter.Text(checks.Count), "C", codin]);
        for (int i = 0; i < checks.Count; i++)
        {
            checks[i][1] = MibExporter.Text(i + 1);
            table("ocp").Add(checks[i]);
        }
    }
}
