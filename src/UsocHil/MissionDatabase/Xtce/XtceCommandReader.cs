using System.Xml.Linq;
using UsocHil.Description;
using UsocHil.MissionDatabase.Xml;

namespace UsocHil.MissionDatabase.Xtce;

/// <summary>
/// Meta-commands that carry a PUS service and subtype (<see cref="XtcePus"/>) as the rig's telecommands, their
/// arguments' types (whole-octet PUS wire types), units and valid ranges; any other meta-command is reported as not
/// imported, with the reason.
/// </summary>
internal sealed class XtceCommandReader(XtceCoverage coverage)
{
    public IReadOnlyList<CommandDefinition> Read(IReadOnlyList<XElement> systems)
    {
        var types = new Dictionary<string, XElement>(StringComparer.Ordinal);
        foreach (XElement meta in systems.Select(s => s.Child("CommandMetaData")).OfType<XElement>())
        {
            coverage.Read(meta, meta.Child("ArgumentTypeSet"), meta.Child("MetaCommandSet"));
            foreach (XElement type in meta.Child("ArgumentTypeSet")?.Elements() ?? [])
            {
                types.TryAdd((string?)type.Attribute("name") ?? "", type);
            }
        }

        var commands = new List<CommandDefinition>();
        foreach (XElement command in systems.SelectMany(s => s.Child("CommandMetaData")?.Child("MetaCommandSet")?.Elements() ?? []))
        {
            try
            {
                if (Command(command, types) is { } read)
                {
                    commands.Add(read);
                }
            }
            catch (XtceValueException e)
            {
                coverage.Drop(command, (string?)command.Attribute("name"), e.Message);
            }
        }

        return commands;
    }

    private CommandDefinition? Command(XElement command, Dictionary<string, XElement> types)
    {
        string name = (string?)command.Attribute("name") ?? "";
        int? service = XtcePus.IntAlias(command, XtcePus.Service, coverage);
        int? subtype = XtcePus.IntAlias(command, XtcePus.Subtype, coverage);
        if (command.Name.LocalName != "MetaCommand" || service is null || subtype is null)
        {
            coverage.Drop(command, name, "no PUS service and subtype (aliases PUS-service, PUS-subtype): not imported as a telecommand");
            return null;
        }

        coverage.Read(command, command.Child("LongDescription"), command.Child("ArgumentList"));
        var arguments = new List<ArgumentDefinition>();
        foreach (XElement argument in command.Child("ArgumentList")?.Elements() ?? [])
        {
            string typeName = XtceNames.Reference((string?)argument.Attribute("argumentTypeRef") ?? "");
            string? why = types.TryGetValue(typeName, out XElement? type) ? null : $"argument type {typeName} is not defined";
            ArgumentDefinition? read = type is null ? null : Argument((string?)argument.Attribute("name") ?? "", type, out why);
            if (read is null)
            {
                coverage.Drop(command, name, $"argument {(string?)argument.Attribute("name")}: {why}");
                return null;
            }

            coverage.Read(argument);
            arguments.Add(read);
        }

        XElement? datum = command.Child("AncillaryDataSet")?.Children("AncillaryData").FirstOrDefault(a => (string?)a.Attribute("name") == XtcePus.Idempotent);
        bool idempotent = datum?.Value.Trim() == "true";
        coverage.Read(datum is null ? null : command.Child("AncillaryDataSet"), datum);

        coverage.Report.Imported(XmlSource.Where(command), "MetaCommand", name, $"TC[{service},{subtype}] with {arguments.Count} arguments");
        return new CommandDefinition
        {
            Name = XtceNames.Rig(name),
            Service = service.Value,
            Subtype = subtype.Value,
            FunctionId = XtcePus.IntAlias(command, XtcePus.FunctionId, coverage, ushort.MaxValue),
            Arguments = arguments,
            Description = (string?)command.Attribute("shortDescription") ?? command.Text("LongDescription"),
            Idempotent = idempotent,
        };
    }

    private ArgumentDefinition? Argument(string name, XElement type, out string? why)
    {
        XElement? encoding = type.Child("IntegerDataEncoding") ?? type.Child("FloatDataEncoding");
        int bits = encoding?.Int("sizeInBits") ?? 0;
        string? wire = encoding?.Name.LocalName switch
        {
            "IntegerDataEncoding" => ((string?)encoding.Attribute("encoding") ?? "unsigned") switch
            {
                "unsigned" => $"uint{bits}",
                "twosComplement" or "twosCompliment" => $"int{bits}",
                _ => null,
            },
            "FloatDataEncoding" => $"float{bits}",
            _ => null,
        };
        if (type.Name.LocalName is not ("IntegerArgumentType" or "FloatArgumentType") || wire is null
            || !Dictionary.FieldType.TryParse(wire, out Dictionary.FieldType field) || field.WireType is null || encoding!.HasElements)
        {
            why = $"{type.Name.LocalName} {wire ?? "without a supported encoding"} is not a whole-octet PUS argument";
            return null;
        }

        coverage.Read(type, encoding, type.Child("UnitSet"));
        coverage.Read(type.Child("UnitSet")?.Elements() ?? []);
        IReadOnlyList<double>? range = null;
        if (type.Child("ValidRangeSet")?.Child("ValidRange") is { } valid)
        {
            coverage.ReadAll(type.Child("ValidRangeSet")!);
            range = [valid.Double("minInclusive") ?? double.MinValue, valid.Double("maxInclusive") ?? double.MaxValue];
        }

        why = null;
        string? unit = type.Child("UnitSet")?.Child("Unit")?.Value.Trim();
        return new ArgumentDefinition { Name = XtceNames.Layout(name), Type = wire, Unit = string.IsNullOrEmpty(unit) ? null : unit, Range = range };
    }
}
