using UsocHil.Description;
using UsocHil.Dictionary;

namespace UsocHil.MissionDatabase.Mib;

/// <summary>
/// The PUS side of a MIB export: each housekeeping structure a TM[3,25] packet identified by its structure ID (PI1),
/// each event a TM[5,severity] packet identified by its event ID, each command a CCF row with its function ID as a
/// fixed CDF element and its arguments as CPC parameters with PRF ranges.
/// </summary>
internal static class MibPacketWriter
{
    public static readonly IReadOnlyList<string> Severities = ["info", "low", "medium", "high"];

    public static void Telemetry(RigDefinition rig, Func<string, List<string[]>> table)
    {
        int header = 6 + SecondaryHeaderOctets(rig.Profile);
        int spid = rig.Apid * 1000;
        string apid = MibExporter.Text(rig.Apid);
        foreach (HousekeepingStructureDefinition structure in rig.Dictionary.Housekeeping)
        {
            spid++;
            table("pid").Add(["3", "25", apid, MibExporter.Text(structure.StructureId), "0", MibExporter.Text(spid), $"housekeeping structure {structure.StructureId}", "", "-1",
                MibExporter.Text(header - 6), "Y", MibExporter.Text(structure.IntervalMs), "Y", "N", "N", ""]);
            table("tpcf").Add([MibExporter.Text(spid), structure.Name]);
            int bit = (header + 1) * 8;
            foreach (string name in structure.Parameters)
            {
                ParameterDefinition parameter = rig.Dictionary.Parameters.First(p => p.Name == name);
                table("plf").Add([name, MibExporter.Text(spid), MibExporter.Text(bit / 8), MibExporter.Text(bit % 8), "1", "0", "0", "0"]);
                bit += FieldType.Parse(parameter.Type).Bits;
            }
        }

        foreach (EventDefinition e in rig.Dictionary.Events)
        {
            spid++;
            int subtype = Severities.ToList().IndexOf(e.Severity) + 1;
            table("pid").Add(["5", MibExporter.Text(subtype), apid, MibExporter.Text(e.Id), "0", MibExporter.Text(spid), $"event {e.Id} ({e.Severity})", "", "-1",
                MibExporter.Text(header - 6), "Y", "0", "Y", "N", "N", ""]);
            table("tpcf").Add([MibExporter.Text(spid), e.Name]);
        }

        if (rig.Dictionary.Housekeeping.Count > 0)
        {
            table("pic").Add(["3", "25", MibExporter.Text(header), "8", "-1", "0", apid]);
        }

        foreach (int subtype in rig.Dictionary.Events.Select(e => Severities.ToList().IndexOf(e.Severity) + 1).Distinct().Order())
        {
            table("pic").Add(["5", MibExporter.Text(subtype), MibExporter.Text(header), "16", "-1", "0", apid]);
        }
    }

    public static void Commands(RigDefinition rig, Func<string, List<string[]>> table)
    {
        var arguments = new Dictionary<string, ArgumentDefinition>(StringComparer.Ordinal);
        string apid = MibExporter.Text(rig.Apid);
        foreach (CommandDefinition command in rig.Dictionary.Commands)
        {
            int elements = command.Arguments.Count + (command.FunctionId is null ? 0 : 1);
            table("ccf").Add([command.Name, command.Description ?? "", "", "", "N", "USOCHIL", MibExporter.Text(command.Service), MibExporter.Text(command.Subtype), apid,
                MibExporter.Text(elements), "N", "Y", "N", "C", "1", "N", "0", "", apid, "9", "1"]);
            int bit = 0;
            if (command.FunctionId is int function)
            {
                table("cdf").Add([command.Name, "F", "function ID", "8", "0", "0", "", "R", MibExporter.Text(function), ""]);
                bit = 8;
            }

            foreach (ArgumentDefinition argument in command.Arguments)
            {
                FieldType field = FieldType.Parse(argument.Type);
                table("cdf").Add([command.Name, "E", argument.Name, MibExporter.Text(field.Bits), MibExporter.Text(bit), "0", argument.Name, "R", "", ""]);
                bit += field.Bits;
                if (arguments.TryGetValue(argument.Name, out ArgumentDefinition? earlier))
                {
                    if (earlier.Type != argument.Type || earlier.Unit != argument.Unit || !(earlier.Range ?? []).SequenceEqual(argument.Range ?? []))
                    {
                        throw new MissionDatabaseException($"{command.Name}:0", $"argument {argument.Name} differs from another command's argument of that name (MIB command parameters are shared by name)");
                    }

                    continue;
                }

                arguments[argument.Name] = argument;
                (int ptc, int pfc) = MibTypes.Codes(field) ?? throw new MissionDatabaseException($"{command.Name}:0", $"argument {argument.Name} of type {argument.Type} has no PTC/PFC");
                string range = argument.Range is { Count: 2 } ? $"R_{argument.Name}" : "";
                table("cpc").Add([argument.Name, argument.Name, MibExporter.Text(ptc), MibExporter.Text(pfc), "U", "D", argument.Unit ?? "", "N", range, "", "", "R", "", "Y", ""]);
                if (argument.Range is { Count: 2 } limits)
                {
                    table("prf").Add([range, argument.Name, "E", "I", "D", "1", argument.Unit ?? ""]);
                    table("prv").Add([range, MibExporter.Text(limits[0]), MibExporter.Text(limits[1])]);
                }
            }

            if (command.Idempotent)
            {
                table(MibExtension.Table).Add([MibExtension.Command, command.Name, MibExtension.Idempotent, "1"]);
            }
        }
    }

    /// <summary>The PUS-C telemetry secondary header's length in octets under a mission profile.</summary>
    internal static int SecondaryHeaderOctets(MissionProfile profile)
    {
        int time = 0;
        if (profile.Time.StartsWith("cuc-", StringComparison.Ordinal) && profile.Time.Split('-') is [_, string coarse, string fine]
            && int.TryParse(coarse, System.Globalization.CultureInfo.InvariantCulture, out int c) && int.TryParse(fine, System.Globalization.CultureInfo.InvariantCulture, out int f))
        {
            time = c + f + (profile.TimeExplicitPField ? (c > 4 || f > 3 ? 2 : 1) : 0);
        }

        return 3 + (profile.TmMessageTypeCounter ? 2 : 0) + (profile.TmDestinationId ? 2 : 0) + time;
    }
}
