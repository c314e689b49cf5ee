using UsocHil.Description;

namespace UsocHil.MissionDatabase.Mib;

/// <summary>PCF rows as parameters: the field type from PTC/PFC, unit and description; a calibration reference or a parameter not in packets is reported.</summary>
internal sealed class MibParameters(ImportReport report)
{
    public Dictionary<string, ParameterDefinition> Imported { get; } = new(StringComparer.Ordinal);

    /// <summary>Parameters not imported, by name, with their width in bits when the PCF gives one.</summary>
    public Dictionary<string, int?> Skipped { get; } = new(StringComparer.Ordinal);

    public MibParameters Read(MibTable pcf)
    {
        foreach (MibRow row in pcf.Rows)
        {
            string name = row[0];
            int ptc = row.Int(4) ?? -1;
            int pfc = row.Int(5) ?? -1;
            if (Imported.ContainsKey(name) || Skipped.ContainsKey(name))
            {
                report.Dropped(row.Location, "PCF", name, "a second row for this parameter");
                continue;
            }

            if (MibTypes.FieldType(ptc, pfc) is not { } type || row[10] is "D" or "S" or "P" or "H" or "C")
            {
                Skipped[name] = row.Int(6);
                string why = row[10] is "D" or "S" or "P" or "H" or "C" ? $"nature {row[10]}: not carried in packets" : $"PTC {ptc} PFC {pfc} is not supported (packets skip its {row[6]} bits)";
                report.Dropped(row.Location, "PCF", name, why);
                continue;
            }

            Imported[name] = new ParameterDefinition
            {
                Id = Imported.Count + 1,
                Name = Xtce.XtceNames.Rig(name),
                Type = type,
                Unit = row[3].Length > 0 ? row[3] : null,
                Description = row[1].Length > 0 ? row[1] : null,
            };
            if (row[11].Length > 0)
            {
                report.Dropped(row.Location, "PCF_CURTX", name, $"calibration {row[11]} is not imported: the parameter keeps its raw value", safetyRelevant: true);
            }

            report.Imported(row.Location, "PCF", name, type);
        }

        return this;
    }
}
