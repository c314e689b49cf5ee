using UsocHil.Description;
using UsocHil.Dictionary;

namespace UsocHil.MissionDatabase.Mib;

/// <summary>
/// Packet layouts as a MIB's variable packets, the shape <see cref="MibPackets"/> imports: every layout extends the
/// PUS header root (<see cref="MibPackets.Root"/>, whose parameters the import makes itself and the export leaves
/// out of PCF), is identified by APID, PUS type and subtype (PID, PIC without PI1/PI2), and lists its fields as VPD
/// rows with their gaps in VPD_OFFSET. A repeated group follows the parameter that counts it, which carries
/// VPD_GRPSIZE; the group's name, which the MIB has no column for, goes to <see cref="MibExtension"/>. Any other
/// layout is refused with one line naming it.
/// </summary>
internal static class MibLayoutWriter
{
    /// <summary>True when the rig has layouts to write; throws for one the MIB cannot say.</summary>
    public static bool Check(RigDefinition rig)
    {
        IReadOnlyList<PacketDefinition> layouts = rig.Dictionary.Packets;
        if (layouts.Count == 0)
        {
            return false;
        }

        PacketDefinition root = layouts.FirstOrDefault(p => p.Name == MibPackets.Root)
            ?? throw Refused(layouts[0], $"a MIB packet extends the PUS header; the layouts need the root {MibPackets.Root} that a MIB import makes");
        if (!root.Abstract || root.Base is not null || root.Restrictions.Count > 0
            || !root.Entries.Select(e => (e.Parameter, e.Offset, e.Group)).SequenceEqual(MibPackets.Header.Select(h => (h.Name, 0, (string?)null))))
        {
            throw Refused(root, $"the root must be abstract and hold only the PUS header fields {string.Join(", ", MibPackets.Header.Select(h => h.Name))}");
        }

        foreach (ParameterDefinition header in MibPackets.Header)
        {
            if (rig.Dictionary.Parameters.FirstOrDefault(p => p.Name == header.Name) is not { } p || !IsHeader(p))
            {
                throw Refused(root, $"header parameter {header.Name} must be id {header.Id}, type {header.Type} and nothing more, as a MIB import makes it");
            }
        }

        var identified = rig.Dictionary.Housekeeping.Count > 0 ? new HashSet<(int, int)> { (3, 25) } : [];
        identified.UnionWith(rig.Dictionary.Events.Select(e => (5, MibPacketWriter.Severities.ToList().IndexOf(e.Severity) + 1)));
        foreach (PacketDefinition layout in layouts.Where(l => l != root))
        {
            (_, int service, int subtype) = Identification(layout);
            if (identified.Contains((service, subtype)))
            {
                throw Refused(layout, $"TM[{service},{subtype}] is told apart by PI1 for housekeeping or events; a layout of that type cannot be written beside them");
            }

            if (Xtce.XtceNames.Layout(layout.Name) != layout.Name || layout.Name.Contains('\t', StringComparison.Ordinal) || (layout.Description ?? "").Contains('\t', StringComparison.Ordinal))
            {
                throw Refused(layout, "a MIB packet name holds letters, digits and underscores only, and no tab in its description");
            }

            for (int i = 0; i < layout.Entries.Count; i++)
            {
                PacketEntryDefinition entry = layout.Entries[i];
                if (entry.Group is { } group && (entry.Offset != 0 || entry.Fields is not { Count: > 0 } || i == 0 || layout.Entries[i - 1].Group is not null || layout.Entries[i - 1].Parameter != entry.Count))
                {
                    throw Refused(layout, $"group {group} must follow the parameter that counts it ({entry.Count}) with no gap and hold fields: a MIB counter is the VPD row right before its group");
                }
            }
        }

        return true;
    }

    public static void Write(RigDefinition rig, Func<string, List<string[]>> table)
    {
        int spid = rig.Apid * 1000 + 500;
        int headerGap = (6 + MibPacketWriter.SecondaryHeaderOctets(rig.Profile)) * 8 - MibPackets.RootBits;
        foreach (PacketDefinition layout in rig.Dictionary.Packets.Where(l => l.Name != MibPackets.Root))
        {
            spid++;
            (int apid, int service, int subtype) = Identification(layout);

            // PID_DFHSIZE is the profile's when the first field lies beyond it, so SCOS-2000 starts where the packet's data does.
            int first = layout.Entries.Count > 0 ? layout.Entries[0].Offset : 0;
            int gap = first >= headerGap ? headerGap : 0;
            int dataFieldHeader = (MibPackets.RootBits + gap) / 8 - 6;
            table("pid").Add([MibExporter.Text(service), MibExporter.Text(subtype), MibExporter.Text(apid), "0", "0", MibExporter.Text(spid), layout.Description ?? "", "",
                MibExporter.Text(spid), MibExporter.Text(dataFieldHeader), "N", "0", "Y", "N", "N", ""]);
            table("tpcf").Add([MibExporter.Text(spid), layout.Name]);
            if (!table("pic").Any(r => r[0] == MibExporter.Text(service) && r[1] == MibExporter.Text(subtype) && r[6] == MibExporter.Text(apid)))
            {
                table("pic").Add([MibExporter.Text(service), MibExporter.Text(subtype), "-1", "0", "-1", "0", MibExporter.Text(apid)]);
            }

            int position = 0;
            IReadOnlyList<PacketEntryDefinition> entries = layout.Entries;
            for (int i = 0; i < entries.Count; i++)
            {
                if (entries[i].Fields is { } fields)
                {
                    table(MibExtension.Table).Add([MibExtension.Group, layout.Name, entries[i].Count!, entries[i].Group!]);
                    foreach (PacketEntryDefinition field in fields)
                    {
                        Row(field.Parameter, field.Offset, 0);
                    }

                    continue;
                }

                // Check made sure a group follows its counter: the counter's row says how many rows the group has.
                Row(entries[i].Parameter, entries[i].Offset - gap, i + 1 < entries.Count && entries[i + 1].Fields is { } next ? next.Count : 0);
                gap = 0;
            }

            void Row(string parameter, int offset, int groupSize) =>
                table("vpd").Add([MibExporter.Text(spid), MibExporter.Text(++position), parameter, MibExporter.Text(groupSize), "0", "N", "N",
                    parameter.Length > 16 ? parameter[..16] : parameter, "8", "L", "N", "0", "N", MibExporter.Text(offset)]);
        }
    }

    /// <summary>Whether the parameter is one of the root's, exactly as the import makes it (compared as JSON: lists are references).</summary>
    public static bool IsHeader(ParameterDefinition parameter) =>
        MibPackets.Header.FirstOrDefault(h => h.Name == parameter.Name) is { } header
        && System.Text.Json.JsonSerializer.Serialize(parameter with { Thermocouple = null }) == System.Text.Json.JsonSerializer.Serialize(header);

    /// <summary>APID, PUS type and subtype: a MIB packet is told apart by these three, raw and equal, and nothing else.</summary>
    private static (int Apid, int Service, int Subtype) Identification(PacketDefinition layout)
    {
        if (layout.Base != MibPackets.Root || layout.Abstract)
        {
            throw Refused(layout, $"a MIB packet is concrete and extends {MibPackets.Root} directly");
        }

        int? Value(string parameter) => layout.Restrictions.Where(r => r.Parameter == parameter && r.Operator == "==" && !r.Calibrated && r.Value == Math.Floor(r.Value))
            .Select(r => (int?)r.Value).SingleOrDefault();
        return layout.Restrictions.Count == 3 && Value("CCSDS_APID") is int apid && Value("PUS_SERVICE") is int service && Value("PUS_SUBTYPE") is int subtype
            ? (apid, service, subtype)
            : throw Refused(layout, "a MIB packet is identified by CCSDS_APID, PUS_SERVICE and PUS_SUBTYPE, each == a raw value, and nothing else");
    }

    private static MissionDatabaseException Refused(PacketDefinition layout, string why) => new($"{layout.Name}:0", $"layout {layout.Name} cannot be written as a MIB: {why}");
}
