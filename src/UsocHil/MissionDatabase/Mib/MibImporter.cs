using UsocHil.Description;

namespace UsocHil.MissionDatabase.Mib;

/// <summary>
/// Imports a SCOS-2000 MIB's ASCII tables: parameters (PCF) with their calibrations (MCF, CAF/CAP, TXF/TXP) and
/// limits (OCF/OCP), telemetry packets (PID with TPCF names, PLF fixed positions, VPD variable layouts; TM[3,25] and
/// TM[5,x] told apart by PI1 as housekeeping structures and events), commands (CCF, CDF, CPC, PRF/PRV) and the
/// facts of <see cref="MibExtension"/>. Packets are identified as SCOS-2000 does, by APID,
/// PUS type and subtype; each table row ends in the report as imported, approximated or dropped with <c>table:row</c>.
/// </summary>
public static class MibImporter
{
    /// <summary>The tables read; any other in the folder is reported dropped as a whole (limits and calibrations as safety losses).</summary>
    private static readonly HashSet<string> Read = ["pid", "pic", "tpcf", "pcf", "plf", "vpd", "ccf", "cdf", "cpc", "mcf", "caf", "cap", "txf", "txp", "ocf", "ocp", "prf", "prv", MibExtension.Table];

    private static readonly HashSet<string> SafetyTables = ["ocf", "ocp", "caf", "cap", "txf", "txp", "mcf", "lgf", "cvs", "cve", "cvp", "ccs", "cca", "paf", "pas", "prf", "prv"];

    public static DatabaseImport Import(string folder, string rigName)
    {
        if (!Directory.Exists(folder))
        {
            throw new MissionDatabaseException($"{folder}:0", "no such MIB folder");
        }

        var report = new ImportReport();
        MibTable pcf = MibTable.Read(folder, "pcf");
        if (pcf.Rows.Count == 0)
        {
            throw new MissionDatabaseException($"{folder}:0", "no pcf.dat: not the ASCII tables of a SCOS-2000 MIB");
        }

        var extension = MibExtension.Read(MibTable.Read(folder, MibExtension.Table), report);
        var calibrations = new MibCalibrations(report, MibTable.Read(folder, "mcf"), MibTable.Read(folder, "caf"), MibTable.Read(folder, "cap"), MibTable.Read(folder, "txf"), MibTable.Read(folder, "txp"));
        var parameters = new MibParameters(report, calibrations, extension).Read(pcf);
        var telemetry = new MibPackets(report, parameters, extension);
        IReadOnlyList<PacketDefinition> packets = telemetry.Read(
            MibTable.Read(folder, "pid"), MibTable.Read(folder, "pic"), MibTable.Read(folder, "tpcf"), MibTable.Read(folder, "plf"), MibTable.Read(folder, "vpd"));
        IReadOnlyList<CommandDefinition> commands = new MibCommands(report, extension, MibTable.Read(folder, "prf"), MibTable.Read(folder, "prv"))
            .Read(MibTable.Read(folder, "ccf"), MibTable.Read(folder, "cdf"), MibTable.Read(folder, "cpc"));
        IReadOnlyList<LimitDefinition> limits = new MibLimits(report, extension).Read(MibTable.Read(folder, "ocf"), MibTable.Read(folder, "ocp"), parameters.Imported);
        var failures = extension.Where(e => e.Key.Kind == MibExtension.FailureCode && e.Key.Property == MibExtension.Code && e.Value.Int(3) is >= 0)
            .Select(e => new FailureCodeDefinition(e.Value.Int(3)!.Value, e.Key.Name)).OrderBy(f => f.Code).ToList();
        foreach (string file in Directory.EnumerateFiles(folder, "*.dat").Order(StringComparer.Ordinal))
        {
            string table = Path.GetFileNameWithoutExtension(file).ToLowerInvariant();
            if (!Read.Contains(table))
            {
                report.Dropped($"{Path.GetFileName(file)}:0", "table", table, "this table is not imported", SafetyTables.Contains(table));
            }
        }

        report.Sort();
        var rig = new RigDefinition
        {
            Name = rigName,
            Description = $"Imported from the SCOS-2000 MIB in {Path.GetFileName(Path.GetFullPath(folder).TrimEnd(Path.DirectorySeparatorChar))}",
            Apid = telemetry.MostCommonApid,
            Dictionary = new RigDictionary
            {
                Parameters = [.. parameters.Imported.Values, .. telemetry.HasLayouts ? telemetry.HeaderParameters : []],
                Housekeeping = telemetry.Housekeeping,
                Packets = packets,
                Commands = commands,
                Events = telemetry.Events,
                FailureCodes = failures,
            },
            Limits = limits,
        };
        return ImportedDictionary.Checked(new DatabaseImport(rig, report), folder);
    }
}
