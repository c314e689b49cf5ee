using UsocHil.Description;

namespace UsocHil.MissionDatabase.Mib;

/// <summary>
/// CCF commands with their CDF elements and CPC parameters as PUS telecommands: a command whose elements are all
/// editable whole-octet arguments (a service 8 command's first fixed element its function ID) is imported, with its
/// arguments' PRF ranges; a command with no PUS header (type 0), other fixed elements, repeated groups or sub-octet
/// arguments is reported as not imported, with the reason.
/// </summary>
internal sealed class MibCommands(ImportReport report, IReadOnlyDictionary<(string, string, string), MibRow> extension, MibTable prf, MibTable prv)
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

            if (service is < 0 or > 255 || row.Int(7) is not (>= 0 and <= 255))
            {
                report.Dropped(row.Location, "CCF", name, $"TC[{row[6]},{row[7]}] is not a PUS service type and subtype (0 to 255 each)");
                continue;
            }

            var elements = cdf.Rows.Where(r => r[0] == name).OrderBy(r => r.Int(4)).ToList();
            int? function = null;
            if (service == 8 && elements.Count > 0 && elements[0][1] == "F" && elements[0].Int(8) is int fixedValue and >= 0 and <= ushort.MaxValue)
            {
                function = fixedValue;
                elements.RemoveAt(0);
            }

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
                    definitions.Add(new ArgumentDefinition { Name = ArgumentName(element[6]), Type = type, Unit = parameter![6].Length > 0 ? parameter[6] : null, Range = Range(parameter[8]) });
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
                FunctionId = function,
                Arguments = definitions,
                Idempotent = extension.Flag(MibExtension.Command, name, MibExtension.Idempotent),
                Description = row[1].Length > 0 ? row[1] : null,
            });
            report.Imported(row.Location, "CCF", name, $"TC[{service},{row[7]}] with {definitions.Count} arguments");
        }

        return commands;
    }

    /// <summary>A CPC name as the argument's name: kept when it is already a name (letters, digits, _), else in the rig's spelling.</summary>
    private static string ArgumentName(string cpc) =>
        cpc.Length > 0 && char.IsAsciiLetter(cpc[0]) && cpc.All(c => char.IsAsciiLetterOrDigit(c) || c == '_') ? cpc : Xtce.XtceNames.Rig(cpc);

    private IReadOnlyList<double>? Range(string prfReference)
    {
        if (prfReference.Length == 0 || !prf.Rows.Any(r => r[0] == prfReference))
        {
            return null;
        }

        var values = prv.Rows.Where(r => r[0] == prfReference).ToList();
        if (values.Count != 1 || values[0].Double(1) is not double low || values[0].Double(2) is not double high)
        {
            report.Approximated(prf.Rows.First(r => r[0] == prfReference).Location, "PRF", prfReference, "only a single numeric range is checked; this one is not", safetyRelevant: true);
            return null;
        }

        return [low, high];
    }
}
