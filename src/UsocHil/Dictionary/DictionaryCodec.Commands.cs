using System.Globalization;
using UsocHil.Protocols.Pus;
using UsocHil.Protocols.Pus.Services;
using UsocHil.Description;
using UsocHil.Framing.Ccsds;

namespace UsocHil.Dictionary;

/// <summary>Commands by name, both ways.</summary>
public sealed partial class DictionaryCodec
{
    private const AckFlags DefaultAck = AckFlags.Acceptance | AckFlags.Completion;

    /// <summary>
    /// Builds the telecommand of a named command. Arguments are raw values by argument name; for SET_PARAMETERS-like
    /// commands (TC[20,3]) they are engineering values by parameter name, for TC[20,1] the names alone count.
    /// Throws <see cref="CommandArgumentException"/> before anything is built when a name or value is wrong.
    /// </summary>
    public Telecommand EncodeCommand(string name, IReadOnlyDictionary<string, double>? arguments = null, AckFlags ack = DefaultAck)
    {
        if (!_commandsByName.TryGetValue(name, out CommandDefinition? command))
        {
            throw new CommandArgumentException(name, null, $"command {name} is not in the dictionary (known: {string.Join(", ", _commandsByName.Keys)})");
        }

        arguments ??= new Dictionary<string, double>();
        if (command.Service == SetParameterValuesRequest.Service && command.Subtype == SetParameterValuesRequest.Subtype)
        {
            return EncodeSetParameters(arguments, ack, command.Name);
        }

        if (command.Service == ParameterReportRequest.Service && command.Subtype == ParameterReportRequest.Subtype)
        {
            return EncodeReportParameters(arguments.Keys, ack, command.Name);
        }

        var given = new Dictionary<string, double>(arguments, StringComparer.OrdinalIgnoreCase);
        foreach (string unknown in given.Keys)
        {
            if (!command.Arguments.Any(a => a.Name.Equals(unknown, StringComparison.OrdinalIgnoreCase)))
            {
                string known = command.Arguments.Count == 0 ? "it takes none" : "it takes " + string.Join(", ", command.Arguments.Select(a => a.Name));
                throw new CommandArgumentException(command.Name, unknown, $"command {command.Name} has no argument {unknown}; {known}");
            }
        }

        var writer = new AppDataWriter();
        if (command.FunctionId is int functionId)
        {
            writer.UInt16((ushort)functionId);
        }

        foreach (ArgumentDefinition argument in command.Arguments)
        {
            if (!given.TryGetValue(argument.Name, out double value))
            {
                throw new CommandArgumentException(command.Name, argument.Name, $"command {command.Name} needs argument {argument.Name}{Describe(argument.Range, argument.Unit)}");
            }

            WireType type = WireValue.Parse(argument.Type);
            CheckValue(command.Name, argument.Name, value, argument.Range, argument.Unit, type);
            writer.Value(type, value);
        }

        return new Telecommand { Apid = Apid, Service = (byte)command.Service, Subtype = (byte)command.Subtype, AckFlags = ack, ApplicationData = writer.ToArray() };
    }

    /// <summary>TC[20,3] setting parameters by name to engineering values, each checked against its range and settability.</summary>
    public Telecommand EncodeSetParameters(IReadOnlyDictionary<string, double> engineeringValues, AckFlags ack = DefaultAck, string command = "SET_PARAMETERS")
    {
        var values = new List<ParameterValue>(engineeringValues.Count);
        foreach ((string name, double engineering) in engineeringValues)
        {
            ParameterDefinition parameter = Parameter(command, name);
            if (!parameter.Settable)
            {
                throw new CommandArgumentException(command, name, $"parameter {name} is read-only");
            }

            WireType type = WireValue.Parse(parameter.Type);
            CheckValue(command, name, engineering, parameter.Range, parameter.Unit, type: null);
            double raw = Calibration.Invert(parameter.Calibration, engineering)
                ?? throw new CommandArgumentException(command, name, $"parameter {name} has a calibration curve that cannot be inverted");
            if (WireValue.IsInteger(type))
            {
                raw = Math.Round(raw);
            }

            CheckValue(command, name, raw, null, null, type);
            values.Add(new ParameterValue((ushort)parameter.Id, raw));
        }

        if (values.Count is 0 or > ParameterValueList.MaxCount)
        {
            throw new CommandArgumentException(command, null, $"{command} needs 1 to {ParameterValueList.MaxCount} parameters, {values.Count} given");
        }

        return new SetParameterValuesRequest(values).ToTelecommand(Apid, ParameterTypes, ack);
    }

    /// <summary>TC[20,1] asking for parameters by name.</summary>
    public Telecommand EncodeReportParameters(IEnumerable<string> names, AckFlags ack = DefaultAck, string command = "REPORT_PARAMETERS")
    {
        ushort[] ids = [.. names.Select(n => (ushort)Parameter(command, n).Id)];
        if (ids.Length is 0 or > ParameterValueList.MaxCount)
        {
            throw new CommandArgumentException(command, null, $"{command} needs 1 to {ParameterValueList.MaxCount} parameters, {ids.Length} given");
        }

        return new ParameterReportRequest(ids).ToTelecommand(Apid, ack);
    }

    /// <summary>
    /// The payload's side: which dictionary command a telecommand is and its argument values. Throws
    /// <see cref="PacketDecodeException"/> for a command the dictionary lacks or data that does not fit it.
    /// </summary>
    public DecodedCommand DecodeCommand(Telecommand telecommand)
    {
        var reader = new AppDataReader(telecommand.ApplicationData.Span);
        ushort? functionId = telecommand.Service == PerformFunction.Service ? reader.ReadUInt16("function_id") : null;
        CommandDefinition command = Dictionary.Commands.FirstOrDefault(c => c.Service == telecommand.Service && c.Subtype == telecommand.Subtype && (functionId is null || c.FunctionId == functionId))
            ?? throw new PacketDecodeException(functionId is null ? "subtype" : "app_data.function_id", functionId is null ? 8 : 0, $"TC[{telecommand.Service},{telecommand.Subtype}]{(functionId is null ? "" : $" function {functionId}")} is not in the dictionary");

        var arguments = new Dictionary<string, double>(StringComparer.OrdinalIgnoreCase);
        if (command.Service == SetParameterValuesRequest.Service && command.Subtype == SetParameterValuesRequest.Subtype)
        {
            foreach (ParameterValue value in SetParameterValuesRequest.From(telecommand, ParameterTypes).Values)
            {
                arguments[_parametersById[value.Id].Name] = Calibration.Apply(_parametersById[value.Id].Calibration, value.Value);
            }
        }
        else if (command.Service == ParameterReportRequest.Service && command.Subtype == ParameterReportRequest.Subtype)
        {
            foreach (ushort id in ParameterReportRequest.From(telecommand).ParameterIds)
            {
                arguments[FindParameter(id)?.Name ?? throw new PacketDecodeException("app_data.parameter_id", 0, $"parameter {id} is not in the dictionary")] = 0;
            }
        }
        else
        {
            foreach (ArgumentDefinition argument in command.Arguments)
            {
                arguments[argument.Name] = reader.ReadValue(argument.Name, WireValue.Parse(argument.Type));
            }

            reader.ExpectEnd(command.Name);
        }

        return new DecodedCommand(command, arguments);
    }

    private ParameterDefinition Parameter(string command, string name) =>
        _parametersByName.TryGetValue(name, out ParameterDefinition? parameter)
            ? parameter
            : throw new CommandArgumentException(command, name, $"parameter {name} is not in the dictionary");

    private static void CheckValue(string command, string argument, double value, IReadOnlyList<double>? range, string? unit, WireType? type)
    {
        if (double.IsNaN(value) || double.IsInfinity(value))
        {
            throw new CommandArgumentException(command, argument, $"{command}: {argument} = {value} is not a number{Describe(range, unit)}");
        }

        if (range is { Count: 2 } && (value < range[0] || value > range[1]))
        {
            throw new CommandArgumentException(command, argument, $"{command}: {argument} = {Format(value)}{Suffix(unit)} is outside its range{Describe(range, unit)}");
        }

        if (type is WireType wire && !WireValue.Fits(wire, value))
        {
            (double min, double max) = WireValue.Range(wire);
            string what = WireValue.IsInteger(wire) ? $"a whole number in [{Format(min)}, {Format(max)}]" : "a finite value";
            throw new CommandArgumentException(command, argument, $"{command}: {argument} = {Format(value)} does not fit {wire}: it must be {what}");
        }
    }

    private static string Describe(IReadOnlyList<double>? range, string? unit) =>
        range is { Count: 2 } ? $" [{Format(range[0])}, {Format(range[1])}]{Suffix(unit)}" : "";

    private static string Suffix(string? unit) => unit is null ? "" : " " + unit;

    private static string Format(double value) => value.ToString("G", CultureInfo.InvariantCulture);
}
