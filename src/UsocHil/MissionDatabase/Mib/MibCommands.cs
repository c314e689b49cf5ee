using UsocHil.Description;

namespace UsocHil.MissionDatabase.Mib;

/// <summary>
/// CCF commands with their CDF elements and CPC parameters as PUS telecommands: a command whose elements are all
/// editable whole-octet arguments is imported; a command with no PUS header (type 0), fixed elements, repeated groups
/// or sub-octet arguments is reported as not imported, with the reason.
/// </summary>
internal sealed class MibCommands(ImportReport report)
{
    public IReadOnlyList<CommandDefinition> Read(MibTable ccf, MibTable cdf, MibTable cpc)
    {
        var commands = new List<CommandDefinition>();
        var arguments = cpc.Rows.GroupBy(r => r[0]).ToDictionary(g => g.Key, g => g.First());
        foreach (MibRow row in ccf.Rows)
        {
            string name = row[0];
            int service = row.Int(6) ?? 0;
            if (service == 0)
            {
                report.Dropped(row.Location, "CCF", name, $"no PUS header (packet header {row[5]}): a plain space packet command, not imported yet");
                continue;
            }

            var elements = cdf.Rows.Where(r => r[0] == name).OrderBy(r => r.Int(4)).ToList();
            string? whyNot = null;
            var definitions = new List<ArgumentDefinition>();
            foreach (MibRow element in elements)
            {
                MibRow? parameter = arguments.GetValueOrDefault(element[6]);
                string? type = parameter is null ? null : MibTypes.WireType(parameter.Int(2) ?? -1, parameter.Int(3) ?? -1);
                whyNot ??= element[1] != "E" ? $"element {element[6]} is fixed or spare ({element[1]}), which commands here cannot carry"
                    : (element.Int(5) ?? 0) > 0 ? $"element {element[6]} repeats a group"
                    : type is null ? $"argument {element[6]} is {element[3]} bit(s) of PTC {parameter?[2]} PFC {parameter?[3]}, not a whole-octet PUS type"
                    : null;
                if (type is not null)
                {
                    definitions.Add(new ArgumentDefinition { Name = Xtce.XtceNames.Rig(element[6]), Type = type, Unit = parameter![6].Length > 0 ? parameter[6] : null });
                }
            }

            if (whyNot is not null)
            {
                report.Dropped(row.Location, "CCF", name, whyNot);
                continue;
            }

            commands.Add(new CommandDefinition
            {
                Name = Xtce.XtceNames.Rig(name),
                Service = service,
                Subtype = row.Int(7) ?? 0,
                Arguments = definitions,
                Description = row[1].Length > 0 ? row[1] : null,
            });
            report.Imported(row.Location, "CCF", name, $"TC[{service},{row[7]}] with {definitions.Count} arguments");
        }

        return commands;
    }
}
