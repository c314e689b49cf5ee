using UsocHil.Description;

namespace UsocHil.MissionDatabase.Mib;

/// <summary>
/// A variable packet's VPD rows as layout entries, in VPD_POS order, each after VPD_OFFSET bits of gap. A row whose
/// VPD_GRPSIZE is n counts a group: the n rows after it are the fields of one repetition, repeated as many times as
/// its value says (SCOS-2000 MIB ICD, VPD). The group's name comes from <see cref="MibExtension"/>, or is
/// <c>LAYOUT_COUNTER</c>. What cannot be placed (a parameter not imported, a group inside a group, fixed repetitions,
/// a field whose size the packet says inside a group) ends the layout there, each row after it reported dropped.
/// </summary>
internal sealed class MibVariableLayout(ImportReport report, MibParameters parameters, IReadOnlyDictionary<(string, string, string), MibRow> extension)
{
    private const int Name = 2;
    private const int GroupSize = 3;
    private const int FixedRepetitions = 4;
    private const int Offset = 13;

    /// <param name="rows">The packet's VPD rows in VPD_POS order.</param>
    /// <param name="firstOctet">Where the first row's gap starts: the primary header and PID_DFHSIZE.</param>
    public List<PacketEntryDefinition> Read(List<MibRow> rows, int firstOctet, string packet)
    {
        var entries = new List<PacketEntryDefinition>();
        int gap = firstOctet * 8 - MibPackets.RootBits;
        string? cut = null;
        for (int i = 0; i < rows.Count; i++)
        {
            MibRow row = rows[i];
            if (cut is not null)
            {
                report.Dropped(row.Location, "VPD", row[Name], $"in {packet}: follows {cut}, so it cannot be placed");
                continue;
            }

            if (!parameters.Imported.TryGetValue(row[Name], out ParameterDefinition? parameter))
            {
                report.Dropped(row.Location, "VPD", row[Name], $"in {packet}: its parameter is not imported, so what follows cannot be placed");
                cut = $"{row[Name]}, which is not imported";
                continue;
            }

            int offset = gap + (row.Int(Offset) ?? 0);
            if (offset is < 0 or > Xtce.XtceTypeReader.MaxPacketBits)
            {
                report.Dropped(row.Location, "VPD", row[Name], $"in {packet}: an offset of {offset} bits cannot be placed, nor what follows");
                cut = $"{row[Name]}, whose offset cannot be placed";
                continue;
            }

            if ((row.Int(FixedRepetitions) ?? 0) > 0)
            {
                report.Dropped(row.Location, "VPD", row[Name], $"in {packet}: {row[FixedRepetitions]} fixed repetitions (VPD_FIXREP) are not supported, so what follows cannot be placed");
                cut = $"{row[Name]}, a fixed repetition";
                continue;
            }

            entries.Add(new PacketEntryDefinition { Parameter = parameter.Name, Offset = offset });
            gap = 0;
            int size = row.Int(GroupSize) ?? 0;
            if (size <= 0)
            {
                report.Imported(row.Location, "VPD", row[Name], $"in {packet}, position {row[1]}");
                continue;
            }

            if (Group(rows, i, size, parameter.Name, packet) is not { } group)
            {
                cut = $"the group counted by {row[Name]}, which cannot be imported";
                continue;
            }

            entries.Add(group);
            report.Imported(row.Location, "VPD", row[Name], $"in {packet}, position {row[1]}: counts group {group.Group} of {size} fields");
            i += size;
        }

        return entries;
    }

    /// <summary>The group counted by rows[at]; null, with the rows that stop it reported, when it cannot be imported.</summary>
    private PacketEntryDefinition? Group(List<MibRow> rows, int at, int size, string counter, string packet)
    {
        MibRow countRow = rows[at];
        if (at + size >= rows.Count)
        {
            report.Dropped(countRow.Location, "VPD", countRow[Name], $"in {packet}: counts a group of {size} fields, but only {rows.Count - at - 1} rows follow");
            return null;
        }

        string name = extension.TryGetValue((MibExtension.Group, packet, counter), out MibRow? named) && named[3].Length > 0
            ? Xtce.XtceNames.Layout(named[3])
            : $"{packet}_{counter}";
        var fields = new List<PacketEntryDefinition>(size);
        List<MibRow> members = [.. rows.Skip(at + 1).Take(size)];
        foreach (MibRow row in members)
        {
            string? why = !parameters.Imported.TryGetValue(row[Name], out ParameterDefinition? parameter) ? "its parameter is not imported"
                : (row.Int(GroupSize) ?? 0) > 0 ? "it counts a group inside the group; groups inside groups are not supported"
                : (row.Int(FixedRepetitions) ?? 0) > 0 ? "fixed repetitions (VPD_FIXREP) are not supported"
                : Dictionary.FieldType.Parse(parameter.Type).IsVariable ? $"a {parameter.Type} whose size the packet says; a repeated group holds fixed-size fields only"
                : (row.Int(Offset) ?? 0) is < 0 or > Xtce.XtceTypeReader.MaxPacketBits ? $"an offset of {row[Offset]} bits cannot be placed"
                : null;
            if (why is not null)
            {
                report.Dropped(countRow.Location, "VPD", countRow[Name], $"in {packet}: its group {name} cannot be imported: {row.Location} {row[Name]}: {why}");
                return null;
            }

            fields.Add(new PacketEntryDefinition { Parameter = parameter!.Name, Offset = row.Int(Offset) ?? 0 });
        }

        foreach (MibRow row in members)
        {
            report.Imported(row.Location, "VPD", row[Name], $"in {packet}, group {name}, position {row[1]}");
        }

        return new PacketEntryDefinition { Group = name, Count = counter, Fields = fields };
    }
}
