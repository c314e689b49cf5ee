using System.Globalization;
using UsocHil.Description;

namespace UsocHil.MissionDatabase.Mib;

/// <summary>
/// PID rows as packet layouts under one root (the CCSDS primary header and the PUS type and subtype octets), each
/// identified by APID, type and subtype; fixed packets by PLF positions (absolute, so a skipped parameter leaves its
/// gap), variable ones by their VPD list with its repeated groups (<see cref="MibVariableLayout"/>).
/// </summary>
internal sealed class MibPackets(ImportReport report, MibParameters parameters, IReadOnlyDictionary<(string, string, string), MibRow> extension)
{
    public const string Root = "PUS_TM";
    public const string RootDescription = "CCSDS primary header and PUS service type and subtype";
    public const int RootBits = 9 * 8;

    private readonly List<int> _apids = [];

    /// <summary>The primary header and PUS service octets every packet starts with.</summary>
    public IReadOnlyList<ParameterDefinition> HeaderParameters => Header;

    /// <summary>The root layout's fields, as every import makes them: what an export leaves to the import.</summary>
    public static IReadOnlyList<ParameterDefinition> Header { get; } =
    [
        HeaderField(65001, "CCSDS_VERSION", "uint3"), HeaderField(65002, "CCSDS_TYPE", "uint1"), HeaderField(65003, "CCSDS_SEC_HDR_FLAG", "uint1"),
        HeaderField(65004, "CCSDS_APID", "uint11"), HeaderField(65005, "CCSDS_SEQ_FLAGS", "uint2"), HeaderField(65006, "CCSDS_SEQ_COUNT", "uint14"),
        HeaderField(65007, "CCSDS_LENGTH", "uint16"), HeaderField(65008, "PUS_HEADER_OCTET", "uint8"), HeaderField(65009, "PUS_SERVICE", "uint8"),
        HeaderField(65010, "PUS_SUBTYPE", "uint8"),
    ];

    public int MostCommonApid => _apids.Where(a => a is >= 0 and <= 2047).GroupBy(a => a).OrderByDescending(g => g.Count()).FirstOrDefault()?.Key ?? 0;

    /// <summary>TM[3,25] packets told apart by their structure ID (PI1).</summary>
    public List<HousekeepingStructureDefinition> Housekeeping { get; } = [];

    /// <summary>TM[5,1..4] packets told apart by their event ID (PI1); the subtype is the severity.</summary>
    public List<EventDefinition> Events { get; } = [];

    /// <summary>The root layout and its header parameters are wanted only when some packet is a layout.</summary>
    public bool HasLayouts { get; private set; }

    public IReadOnlyList<PacketDefinition> Read(MibTable pid, MibTable pic, MibTable tpcf, MibTable plf, MibTable vpd)
    {
        var packets = new List<PacketDefinition>
        {
            new() { Name = Root, Abstract = true, Entries = [.. HeaderParameters.Select(p => new PacketEntryDefinition { Parameter = p.Name })], Description = RootDescription },
        };
        var names = tpcf.Rows.GroupBy(r => r[0]).ToDictionary(g => g.Key, g => g.First()[1]);
        var identified = pic.Rows.Where(r => (r.Int(2) ?? -1) >= 0 || (r.Int(4) ?? -1) >= 0).Select(r => (r[0], r[1])).ToHashSet();
        foreach (MibRow row in pid.Rows)
        {
            string spid = row[5];
            string name = Xtce.XtceNames.Layout(names.TryGetValue(spid, out string? n) && n.Length > 0 ? n : $"SPID_{spid}");
            int apid = row.Int(2) ?? 0;
            if (identified.Contains((row[0], row[1])))
            {
                string? named = names.TryGetValue(spid, out string? label) && label.Length > 0 ? Xtce.XtceNames.Rig(label) : null;
                if (Service(row, named, plf.Rows.Where(p => p[1] == spid)))
                {
                    _apids.Add(apid);
                    continue;
                }

                report.Dropped(row.Location, "PID", name, "identified by PI1/PI2 values, which are imported only for housekeeping (TM[3,25]) and events (TM[5,1..4])");
                continue;
            }

            HasLayouts = true;
            _apids.Add(apid);
            var entries = (row.Int(8) ?? -1) is int tpsd and >= 0 && vpd.Rows.Any(v => v.Int(0) == tpsd)
                ? new MibVariableLayout(report, parameters, extension).Read(vpd.Rows.Where(v => v.Int(0) == tpsd).OrderBy(v => v.Int(1)).ToList(), 6 + (row.Int(9) ?? 0), name)
                : Fixed(plf.Rows.Where(p => p[1] == spid).ToList(), name);
            packets.Add(new PacketDefinition
            {
                Name = name,
                Base = Root,
                Restrictions =
                [
                    new RestrictionDefinition { Parameter = "CCSDS_APID", Value = apid },
                    new RestrictionDefinition { Parameter = "PUS_SERVICE", Value = row.Int(0) ?? 0 },
                    new RestrictionDefinition { Parameter = "PUS_SUBTYPE", Value = row.Int(1) ?? 0 },
                ],
                Entries = entries,
                Description = row[6].Length > 0 ? row[6] : null,
            });
            report.Imported(row.Location, "PID", name, $"SPID {spid}, APID {apid}, TM[{row[0]},{row[1]}], {entries.Count} fields");
        }

        return HasLayouts ? packets : [];
    }

    private bool Service(MibRow row, string? name, IEnumerable<MibRow> fields)
    {
        int? pi1 = row.Int(3);
        if (name is null || pi1 is null or < 0 or > ushort.MaxValue || (row[0] == "3" && pi1 > byte.MaxValue) || (row.Int(4) ?? 0) != 0)
        {
            return false;
        }

        if (row[0] == "3" && row[1] == "25")
        {
            var parameterNames = new List<string>();
            foreach (MibRow field in fields.OrderBy(f => (f.Int(2) ?? 0) * 8L + (f.Int(3) ?? 0)))
            {
                if (!parameters.Imported.TryGetValue(field[0], out ParameterDefinition? parameter))
                {
                    report.Dropped(field.Location, "PLF", field[0], $"in housekeeping structure {name}: its parameter is not imported");
                    return false;
                }

                parameterNames.Add(parameter.Name);
            }

            int interval = row.Int(11) is int ms and > 0 ? ms : 1000;
            Housekeeping.Add(new HousekeepingStructureDefinition { StructureId = pi1.Value, Name = name, IntervalMs = interval, Parameters = parameterNames });
            report.Imported(row.Location, "PID", name, $"housekeeping structure {pi1} of {parameterNames.Count} parameters every {interval} ms");
            return true;
        }

        if (row[0] == "5" && row.Int(1) is int subtype and >= 1 and <= 4)
        {
            Events.Add(new EventDefinition(pi1.Value, name, Severities[subtype - 1]));
            report.Imported(row.Location, "PID", name, $"event {pi1}, severity {Severities[subtype - 1]}");
            return true;
        }

        return false;
    }

    private static readonly string[] Severities = ["info", "low", "medium", "high"];

    private List<PacketEntryDefinition> Fixed(List<MibRow> rows, string packet)
    {
        var entries = new List<PacketEntryDefinition>();
        long cursor = RootBits;
        string? variable = null;
        foreach (MibRow row in rows.OrderBy(r => (r.Int(2) ?? 0) * 8L + (r.Int(3) ?? 0)))
        {
            long at = (row.Int(2) ?? 0) * 8L + (row.Int(3) ?? 0);
            if (variable is not null)
            {
                // PLF positions are fixed; behind a field whose length varies they no longer say where a field is.
                report.Dropped(row.Location, "PLF", row[0], $"in {packet}: after {variable}, a variable-length parameter, its fixed position cannot be placed");
                continue;
            }

            if (!parameters.Imported.TryGetValue(row[0], out ParameterDefinition? parameter))
            {
                report.Approximated(row.Location, "PLF", row[0], $"in {packet}: its parameter is not imported; its bits are skipped");
                continue;
            }

            if (at < cursor || at - cursor > Xtce.XtceTypeReader.MaxPacketBits)
            {
                report.Dropped(row.Location, "PLF", row[0], $"in {packet}: at bit {at.ToString(CultureInfo.InvariantCulture)}, which overlaps the field before it or the header, or lies beyond any space packet");
                continue;
            }

            if ((row.Int(4) ?? 1) > 1)
            {
                report.Approximated(row.Location, "PLF", row[0], $"in {packet}: {row[4]} occurrences, only the first is imported");
            }

            entries.Add(new PacketEntryDefinition { Parameter = parameter.Name, Offset = (int)(at - cursor) });
            cursor = at + Dictionary.FieldType.Parse(parameter.Type).Bits;
            variable = Dictionary.FieldType.Parse(parameter.Type).IsVariable ? row[0] : null;
            report.Imported(row.Location, "PLF", row[0], $"in {packet} at octet {row[2]} bit {row[3]}");
        }

        return entries;
    }

    private static ParameterDefinition HeaderField(int id, string name, string type) => new() { Id = id, Name = name, Type = type };
}
