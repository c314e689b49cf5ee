using System.Globalization;
using UsocHil.Description;
using UsocHil.Dictionary;

namespace UsocHil.MissionDatabase.Mib;

/// <summary>
/// Writes a rig's dictionary and limits as a SCOS-2000 MIB's ASCII tables: parameters (PCF) with their polynomial
/// (MCF), curve (CAF/CAP) or text (TXF/TXP) calibrations and limits (OCF/OCP), housekeeping structures and events as
/// PUS packets (PID/PIC/TPCF/PLF), packet layouts with their repeated groups as variable packets (PID/PIC/TPCF/VPD,
/// <see cref="MibLayoutWriter"/>), commands (CCF/CDF/CPC with PRF/PRV ranges), and <see cref="MibExtension"/> for the rest.
/// </summary>
public static class MibExporter
{
    public static IReadOnlyDictionary<string, string> Write(RigDefinition rig)
    {
        bool layouts = MibLayoutWriter.Check(rig);
        var tables = new SortedDictionary<string, List<string[]>>(StringComparer.Ordinal);
        List<string[]> Table(string name) => tables.TryGetValue(name, out List<string[]>? rows) ? rows : tables[name] = [];
        var limits = rig.Limits.ToLookup(l => l.Parameter, StringComparer.Ordinal);
        int curve = 0;
        foreach (ParameterDefinition p in rig.Dictionary.Parameters.Where(p => !layouts || !MibLayoutWriter.IsHeader(p)))
        {
            FieldType field = FieldType.Parse(p.Type);
            (int ptc, int pfc) = p.Time is { } time ? TimeCodes(p, field, time)
                : MibTypes.Codes(field) ?? throw new MissionDatabaseException($"{p.Name}:0", $"type {p.Type} has no SCOS-2000 PTC/PFC");
            if (field.IsVariable && p.Size is not { Prefix: MibTypes.VariablePrefixBits, Max: null })
            {
                throw new MissionDatabaseException($"{p.Name}:0", $"a {p.Type} sized otherwise than by a leading count of {MibTypes.VariablePrefixBits} bits has no SCOS-2000 PTC/PFC (PFC 0 is a counted string)");
            }

            string calibration = p.Time is not null || (p.Calibration is null && p.Spline is null && p.Enum is null) ? "" : $"CAL{++curve:D4}";
            string raw = field.Kind switch { FieldKind.Float => "R", FieldKind.Signed => "I", _ => "U" };
            if (p.Time is not null)
            {
                // The CUC format carries the scale: no curve.
            }
            else if (p.Calibration is { } polynomial)
            {
                if (polynomial.Count > 5)
                {
                    throw new MissionDatabaseException($"{p.Name}:0", "a polynomial beyond the fourth degree does not fit MCF");
                }

                Table("mcf").Add([calibration, p.Name, .. Enumerable.Range(0, 5).Select(i => i < polynomial.Count ? Text(polynomial[i]) : "0")]);
            }
            else if (p.Spline is { } spline)
            {
                Table("caf").Add([calibration, p.Name, "R", raw, "D", p.Unit ?? "", Text(spline.Count), "P"]);
                Table("cap").AddRange(spline.Select(point => new[] { calibration, Text(point[0]), Text(point[1]) }));
            }
            else if (p.Enum is { } labels)
            {
                Table("txf").Add([calibration, p.Name, raw, Text(labels.Count)]);
                Table("txp").AddRange(labels.OrderBy(l => long.Parse(l.Key, CultureInfo.InvariantCulture)).Select(l => new[] { calibration, l.Key, l.Key, l.Value }));
            }

            Table("pcf").Add([p.Name, p.Description ?? "", Text(p.Id), p.Unit ?? "", Text(ptc), Text(pfc), field.Bits == 0 ? "" : Text(field.Bits), "", "", field.IsBlock ? "T" : p.Enum is null ? "N" : "S", "R", calibration,
                "F", "N", "0", "", "", "", "R", "Y", "", "0", "B", ""]);
            if (limits[p.Name].Any())
            {
                MibLimitWriter.Write(p, [.. limits[p.Name]], rig.Dictionary.Parameters, raw == "R" || p.Calibration is not null || p.Spline is not null ? "R" : raw, Table);
            }

            if (p.Settable)
            {
                Table(MibExtension.Table).Add([MibExtension.Parameter, p.Name, MibExtension.Settable, "1"]);
            }

            if (p.Volatile)
            {
                Table(MibExtension.Table).Add([MibExtension.Parameter, p.Name, MibExtension.Volatile, "1"]);
            }

            if (p.Range is { Count: 2 } range)
            {
                Table(MibExtension.Table).Add([MibExtension.Parameter, p.Name, MibExtension.Range, Text(range[0]), Text(range[1])]);
            }
        }

        MibPacketWriter.Telemetry(rig, Table);
        MibLayoutWriter.Write(rig, Table);
        MibPacketWriter.Commands(rig, Table);
        foreach (FailureCodeDefinition failure in rig.Dictionary.FailureCodes)
        {
            Table(MibExtension.Table).Add([MibExtension.FailureCode, failure.Name, MibExtension.Code, Text(failure.Code)]);
        }

        return tables.ToDictionary(t => t.Key + ".dat", t => string.Concat(t.Value.Select(row => string.Join('\t', row) + "\n")), StringComparer.Ordinal);
    }

    /// <summary>
    /// A time goes as PTC 9 or 10 only when it is a CUC count: an unsigned field of whole octets whose calibration is
    /// the fine octets' scale, and, absolute, from TAI (a MIB cannot say another epoch).
    /// </summary>
    private static (int Ptc, int Pfc) TimeCodes(ParameterDefinition p, FieldType field, TimeDefinition time)
    {
        if (field.Kind == FieldKind.DaySegmented)
        {
            return MibTypes.Codes(field) is { } codes && time.Epoch == "TAI"
                ? codes
                : throw new MissionDatabaseException($"{p.Name}:0", time.Epoch != "TAI"
                    ? $"a CDS time from epoch {time.Epoch} cannot be written as a MIB, which assumes TAI"
                    : $"a {p.Type} has no SCOS-2000 PTC/PFC (PTC 9 PFC 1 and 2 are cds6 and cds8, a 16-bit day without or with microseconds)");
        }

        int fine = p.Calibration is [0, double scale] ? (int)Math.Round(-Math.Log2(scale) / 8) : p.Calibration is null ? 0 : -1;
        bool cuc = field.Kind == FieldKind.Unsigned && field.Bits % 8 == 0 && p.Spline is null && p.Enum is null
            && fine >= 0 && (fine == 0 || p.Calibration![1] == Math.Pow(2, -8 * fine));
        if (!cuc || MibTypes.CucPfc((field.Bits / 8) - fine, fine) is not int pfc)
        {
            throw new MissionDatabaseException($"{p.Name}:0", "a time that is not a CCSDS CUC count (1-4 coarse, 0-3 fine octets, calibration [0, 2^-8F]) has no SCOS-2000 PTC/PFC");
        }

        if (!time.Relative && time.Epoch != "TAI")
        {
            throw new MissionDatabaseException($"{p.Name}:0", $"an absolute time from epoch {time.Epoch} cannot be written as a MIB, which assumes TAI");
        }

        return (time.Relative ? 10 : 9, pfc);
    }

    internal static string Text(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    internal static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);
}
