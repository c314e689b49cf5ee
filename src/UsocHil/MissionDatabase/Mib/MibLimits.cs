using UsocHil.Description;

namespace UsocHil.MissionDatabase.Mib;

/// <summary>
/// OCF/OCP monitoring checks as the rig's limits: the soft (S) check the yellow band, the hard (H) one the red, OCF's
/// number of checks the persistence. Delta checks and checks applicable only while another parameter has a value
/// (OCP_RLCHK) are dropped as safety losses: the rig's bands are always on.
/// </summary>
internal sealed class MibLimits(ImportReport report)
{
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

            IReadOnlyList<double>? yellow = null, red = null;
            foreach (MibRow row in ocp.Rows.Where(r => r[0] == name))
            {
                string? whyNot = row[2] is not ("S" or "H") ? $"check type {row[2]} is not supported (soft S and hard H limits are)"
                    : row[5].Length > 0 ? $"applies only while {row[5]} is {row[6]}, which the rig's limits cannot say"
                    : row.Double(3) is null || row.Double(4) is null ? "its bounds are not numbers"
                    : null;
                if (whyNot is not null)
                {
                    report.Dropped(row.Location, "OCP", name, whyNot, safetyRelevant: true);
                    continue;
                }

                if (row[2] == "S")
                {
                    yellow = [row.Double(3)!.Value, row.Double(4)!.Value];
                }
                else
                {
                    red = [row.Double(3)!.Value, row.Double(4)!.Value];
                }

                report.Imported(row.Location, "OCP", name, $"{(row[2] == "S" ? "yellow" : "red")} [{row[3]}, {row[4]}]");
            }

            if (yellow is null && red is null)
            {
                continue;
            }

            var limit = new LimitDefinition { Parameter = parameter.Name, Yellow = yellow ?? red!, Red = red ?? [-double.MaxValue, double.MaxValue], Persistence = Math.Max(1, check.Int(1) ?? 1) };
            if (!ImportedDictionary.Nested(limit))
            {
                report.Dropped(check.Location, "OCF", name, "its bands are not [low, high] with the soft band inside the hard one", safetyRelevant: true);
                continue;
            }

            limits.Add(limit);
            report.Imported(check.Location, "OCF", name, red is null ? "no hard limit: red never trips" : "limit");
        }

        return limits;
    }
}
