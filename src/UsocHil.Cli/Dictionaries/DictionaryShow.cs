using System.CommandLine;
using System.Globalization;
using UsocHil.Description;

namespace UsocHil.Cli.Dictionaries;

/// <summary>
/// <c>dictionary show &lt;rig&gt; [--parameter NAME]</c>: the dictionary in one screen, or one parameter, packet layout
/// or command: its type, curve, labels, limits and where it travels.
/// </summary>
internal static class DictionaryShow
{
    public static Command Create()
    {
        var rig = new Argument<string>("rig") { Description = "A station rig, a folder under rigs/, or a rig.json path" };
        var name = new Option<string?>("--parameter", "-p") { Description = "A parameter, packet layout or command by name" };
        var show = new Command("show", "What a rig's dictionary holds, or what one parameter, packet or command is") { rig, name };
        show.SetHandler((parseResult, _) =>
        {
            RigDefinition definition = RigByName.Load(parseResult, parseResult.GetValue(rig)!);
            string? wanted = parseResult.GetValue(name);
            Console.Write(wanted is null ? Summary(definition) : One(definition, wanted));
            return Task.FromResult(ExitCodes.Passed);
        });
        return show;
    }

    private static string Summary(RigDefinition rig)
    {
        RigDictionary d = rig.Dictionary;
        var text = new System.Text.StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"{rig.Name} (APID {rig.Apid}): {d.Parameters.Count} parameters, {d.Packets.Count} packet layouts, {d.Housekeeping.Count} housekeeping structures, {d.Commands.Count} commands, {d.Events.Count} events, {rig.Limits.Count} limits");
        foreach (PacketDefinition packet in d.Packets)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"  packet {packet.Name}{(packet.Abstract ? " (abstract)" : "")}{(packet.Base is null ? "" : " extends " + packet.Base)}{Restrictions(packet)}: {packet.Entries.Count} fields");
        }

        foreach (HousekeepingStructureDefinition structure in d.Housekeeping)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"  housekeeping {structure.StructureId} {structure.Name}: {structure.Parameters.Count} parameters every {structure.IntervalMs} ms");
        }

        foreach (CommandDefinition command in d.Commands)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"  command {command.Name} TC[{command.Service},{command.Subtype}]{(command.FunctionId is int f ? $" function {f}" : "")}({string.Join(", ", command.Arguments.Select(a => $"{a.Name}: {a.Type}"))})");
        }

        return text.ToString();
    }

    private static string One(RigDefinition rig, string name)
    {
        RigDictionary d = rig.Dictionary;
        if (d.Parameters.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase)) is { } parameter)
        {
            return Parameter(rig, parameter);
        }

        if (d.Packets.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase)) is { } packet)
        {
            return $"packet {packet.Name}{(packet.Abstract ? " (abstract)" : "")}{(packet.Base is null ? "" : " extends " + packet.Base)}{Restrictions(packet)}\n"
                + (packet.Description is null ? "" : $"  {packet.Description}\n")
                + string.Concat(packet.Entries.Select(e => Entry(d, e, "  ")));
        }

        if (d.Commands.FirstOrDefault(c => string.Equals(c.Name, name, StringComparison.OrdinalIgnoreCase)) is { } command)
        {
            return $"command {command.Name} TC[{command.Service},{command.Subtype}]{(command.FunctionId is int f ? $" function {f}" : "")}{(command.Idempotent ? ", idempotent" : "")}\n"
                + (command.Description is null ? "" : $"  {command.Description}\n")
                + string.Concat(command.Arguments.Select(a => $"  {a.Name}: {a.Type}{(a.Unit is { } u ? $" [{u}]" : "")}{(a.Range is { Count: 2 } r ? $" range {Number(r[0])}..{Number(r[1])}" : "")}\n"));
        }

        throw new UsageException($"rig {rig.Name} has no parameter, packet layout or command named {name}");
    }

    private static string Entry(RigDictionary d, PacketEntryDefinition e, string indent)
    {
        string gap = e.Offset > 0 ? $"[{e.Offset} bits gap] " : "";
        if (e.Group is { } group)
        {
            return $"{indent}{gap}group {group}, repeated {e.Count} times:\n" + string.Concat((e.Fields ?? []).Select(f => Entry(d, f, indent + "  ")));
        }

        ParameterDefinition? parameter = d.Parameters.FirstOrDefault(p => p.Name == e.Parameter);
        return $"{indent}{gap}{e.Parameter}: {parameter?.Type}{(parameter?.Unit is { } u ? $" [{u}]" : "")}\n";
    }

    private static string Parameter(RigDefinition rig, ParameterDefinition p)
    {
        var lines = new List<string> { $"parameter {p.Name} (id {p.Id}): {p.Type}{(p.Unit is { } u ? $" [{u}]" : "")}{(p.Settable ? ", settable" : "")}{(p.Volatile ? ", volatile" : "")}" };
        if (p.Description is { } description)
        {
            lines.Add($"  {description}");
        }

        if (p.Calibration is { Count: > 0 } c)
        {
            lines.Add($"  calibration: {string.Join(" + ", c.Select((k, i) => i == 0 ? Number(k) : $"{Number(k)}·raw{(i > 1 ? $"^{i}" : "")}"))}");
        }

        if (p.Spline is { Count: > 0 } s)
        {
            lines.Add($"  spline: {string.Join(", ", s.Select(pt => $"{Number(pt[0])}→{Number(pt[1])}"))}");
        }

        if (p.Time is { } time)
        {
            lines.Add(time.Relative ? "  time: relative (a duration in seconds)" : $"  time: absolute, seconds from epoch {time.Epoch}");
        }

        if (Dictionary.FieldType.TryParse(p.Type, out Dictionary.FieldType field) && field.Kind == Dictionary.FieldKind.DaySegmented)
        {
            lines.Add($"  CCSDS day-segmented (CDS): {field.DayBits}-bit day, 32-bit milliseconds of day"
                + (field.SubMillisecondBits == 16 ? ", 16-bit microseconds of millisecond" : field.SubMillisecondBits == 32 ? ", 32-bit picoseconds of millisecond" : ""));
        }

        if (p.Size is { } size)
        {
            string how = size switch
            {
                { Prefix: int prefix } => $"a leading {prefix}-bit count of octets",
                { Terminator: int terminator } => $"ended by the octet 0x{terminator:x2}",
                _ => $"{size.Parameter} octets",
            };
            lines.Add($"  size: {how}{(size.Max is int max ? $", at most {max} octets in all" : "")}");
        }

        if (p.Enum is { Count: > 0 } e)
        {
            lines.Add($"  labels: {string.Join(", ", e.Select(kv => $"{kv.Key}={kv.Value}"))}");
        }

        if (p.Range is { Count: 2 } range)
        {
            lines.Add($"  settable range: {Number(range[0])}..{Number(range[1])}");
        }

        foreach (LimitDefinition limit in rig.Limits.Where(l => l.Parameter == p.Name))
        {
            var checks = new List<string>();
            if (limit is { Yellow: [double yl, double yh], Red: [double rl, double rh] })
            {
                checks.Add($"yellow {Number(yl)}..{Number(yh)}, red {Number(rl)}..{Number(rh)}");
            }

            if (limit.Delta is { } delta)
            {
                checks.Add($"change per {(delta.Per == DeltaBasis.Second ? "second" : "sample")} yellow {Number(delta.Yellow)}, red {Number(delta.Red)}");
            }

            string when = limit.When is { } w ? $", while {w.Parameter} = {Number(w.Value)}" : "";
            lines.Add($"  limits: {string.Join(", ", checks)}, persistence {limit.Persistence}{when}");
        }

        var carriers = rig.Dictionary.Packets.Where(k => k.Entries.Any(x => x.Parameter == p.Name || (x.Fields?.Any(f => f.Parameter == p.Name) ?? false))).Select(k => $"packet {k.Name}")
            .Concat(rig.Dictionary.Housekeeping.Where(h => h.Parameters.Contains(p.Name)).Select(h => $"housekeeping {h.Name}"))
            .ToList();
        lines.Add(carriers.Count == 0 ? "  carried in: no packet" : $"  carried in: {string.Join(", ", carriers)}");
        return string.Join('\n', lines) + "\n";
    }

    private static string Restrictions(PacketDefinition packet) => packet.Restrictions.Count == 0 ? ""
        : " when " + string.Join(" and ", packet.Restrictions.Select(r => $"{r.Parameter} {r.Operator} {Number(r.Value)}{(r.Calibrated ? " (engineering)" : "")}"));

    private static string Number(double value) => value.ToString(CultureInfo.InvariantCulture);
}
