using UsocHil.Description;

namespace UsocHil.MissionDatabase.Mib;

/// <summary>
/// PCF rows as parameters: the field type from PTC/PFC, the on-board ID (PCF_PID) as the parameter ID, unit,
/// description and calibration; what the MIB has no column for from <see cref="MibExtension"/>. A calibration that
/// cannot be found or a parameter not in packets is reported.
/// </summary>
internal sealed class MibParameters(ImportReport report, MibCalibrations calibrations, IReadOnlyDictionary<(string, string, string), MibRow> extension)
{
    public Dictionary<string, ParameterDefinition> Imported { get; } = new(StringComparer.Ordinal);

    /// <summary>Parameters not imported, by name, with their width in bits when the PCF gives one.</summary>
    public Dictionary<string, int?> Skipped { get; } = new(StringComparer.Ordinal);

    public MibParameters Read(MibTable pcf)
    {
        var ids = new HashSet<int>();
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

            Description.TimeDefinition? time = null;
            IReadOnlyList<double>? timeScale = null;
            (int Coarse, int Fine)? cuc = row[10] is "D" or "S" or "P" or "H" or "C" ? null : MibTypes.Cuc(ptc, pfc);
            if (cuc is (int coarse, int fine))
            {
                time = ptc == 9 ? new Description.TimeDefinition { Epoch = "TAI" } : new Description.TimeDefinition { Relative = true };
                timeScale = fine == 0 ? null : [0, Math.Pow(2, -8 * fine)];
                if (ptc == 9)
                {
                    report.Approximated(row.Location, "PCF", name, "a MIB does not say the epoch of an absolute time: TAI (1958-01-01), CCSDS 301.0's level-1 epoch, is assumed");
                }
            }

            string? type = cuc is { } octets ? $"uint{8 * (octets.Coarse + octets.Fine)}" : MibTypes.FieldType(ptc, pfc);
            FieldSizeDefinition? size = null;
            if (type is "string" or "bytes" && row[10] is not ("D" or "S" or "P" or "H" or "C"))
            {
                size = new FieldSizeDefinition { Prefix = MibTypes.VariablePrefixBits };
                report.Approximated(row.Location, "PCF", name,
                    $"PTC {ptc} PFC 0, variable: the MIB does not say how wide its leading count is; {MibTypes.VariablePrefixBits} bits (one octet, yamcs-scos2k's telemetry default) are assumed");
            }
            else if (type is "cds6" or "cds8" && row[10] is not ("D" or "S" or "P" or "H" or "C"))
            {
                time = new Description.TimeDefinition { Epoch = "TAI" };
                report.Approximated(row.Location, "PCF", name, "a MIB does not say the epoch of a CDS time: TAI (1958-01-01), CCSDS 301.0's level-1 epoch, is assumed");
            }

            if (type is null || row[10] is "D" or "S" or "P" or "H" or "C")
            {
                Skipped[name] = row.Int(6);
                string why = row[10] is "D" or "S" or "P" or "H" or "C" ? $"nature {row[10]}: not carried in packets" : $"PTC {ptc} PFC {pfc} is not supported (packets skip its {row[6]} bits)";
                report.Dropped(row.Location, "PCF", name, why);
                continue;
            }

            int id = row.Int(2) is int onboard and >= 0 and <= ushort.MaxValue && ids.Add(onboard) ? onboard : Next(ids, Imported.Count + 1);
            MibCalibration? calibration = null;
            if (time is null && row[11].Length > 0 && (calibration = calibrations.Find(row[11], name, out string? whyNot)) is null)
            {
                report.Dropped(row.Location, "PCF_CURTX", name, $"{whyNot}: the parameter keeps its raw value", safetyRelevant: true);
            }

            Imported[name] = new ParameterDefinition
            {
                Id = id,
                Name = Xtce.XtceNames.Rig(name),
                Type = type,
                Unit = time is not null ? "s" : row[3].Length > 0 ? row[3] : null,
                Calibration = timeScale ?? calibration?.Polynomial,
                Time = time,
                Size = size,
                Spline = calibration?.Spline,
                Enum = calibration?.Labels,
                Range = extension.Pair(MibExtension.Parameter, name, MibExtension.Range),
                Settable = extension.Flag(MibExtension.Parameter, name, MibExtension.Settable),
                Volatile = extension.Flag(MibExtension.Parameter, name, MibExtension.Volatile),
                Description = row[1].Length > 0 ? row[1] : null,
            };

            report.Imported(row.Location, "PCF", name, type);
        }

        return this;
    }

    private static int Next(HashSet<int> ids, int from)
    {
        int id = from;
        while (!ids.Add(id))
        {
            id++;
        }

        return id;
    }
}
