using System.Xml.Linq;
using UsocHil.Description;
using UsocHil.Dictionary;

namespace UsocHil.MissionDatabase.Xtce;

/// <summary>Commands as XTCE meta-commands: one argument type per argument (encoding, unit, valid range), the PUS service, subtype and function ID as aliases.</summary>
internal static class XtceCommandWriter
{
    private static readonly XNamespace X = XtcePus.Namespace;

    public static XElement CommandMetaData(IReadOnlyList<CommandDefinition> commands)
    {
        var types = new XElement(X + "ArgumentTypeSet", commands.SelectMany(c => c.Arguments.Select(a => ArgumentType(c, a))));
        var metaCommands = new XElement(X + "MetaCommandSet", commands.Select(MetaCommand));
        return new XElement(X + "CommandMetaData", types.HasElements ? types : null, metaCommands);
    }

    public static string ArgumentTypeName(CommandDefinition command, ArgumentDefinition argument) => $"{command.Name}__{argument.Name}_Type";

    private static XElement MetaCommand(CommandDefinition command) =>
        new(X + "MetaCommand", new XAttribute("name", command.Name), XtceExporter.ShortDescription(command.Description),
            XtceExporter.Aliases((XtcePus.Service, command.Service), (XtcePus.Subtype, command.Subtype), (XtcePus.FunctionId, command.FunctionId)),
            command.Idempotent ? new XElement(X + "AncillaryDataSet", new XElement(X + "AncillaryData", new XAttribute("name", XtcePus.Idempotent), "true")) : null,
            command.Arguments.Count == 0 ? null : new XElement(X + "ArgumentList",
                command.Arguments.Select(a => new XElement(X + "Argument", new XAttribute("name", a.Name), new XAttribute("argumentTypeRef", ArgumentTypeName(command, a))))));

    private static XElement ArgumentType(CommandDefinition command, ArgumentDefinition argument)
    {
        FieldType field = FieldType.Parse(argument.Type);
        bool integer = field.Kind is FieldKind.Unsigned or FieldKind.Signed && XtceTypeWriter.Integral(argument.Range);
        var type = new XElement(X + (integer ? "IntegerArgumentType" : "FloatArgumentType"), new XAttribute("name", ArgumentTypeName(command, argument)));
        if (integer)
        {
            type.Add(new XAttribute("sizeInBits", field.Bits), new XAttribute("signed", field.Kind == FieldKind.Signed));
        }

        type.Add(XtceTypeWriter.Units(argument.Unit), XtceTypeWriter.Encoding(field, null));
        if (argument.Range is { Count: 2 } range)
        {
            type.Add(new XElement(X + "ValidRangeSet", new XElement(X + "ValidRange",
                new XAttribute("minInclusive", XtceTypeWriter.Text(range[0])), new XAttribute("maxInclusive", XtceTypeWriter.Text(range[1])))));
        }

        return type;
    }
}
