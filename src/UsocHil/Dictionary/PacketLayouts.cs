using UsocHil.Description;
using UsocHil.Framing.Ccsds;

namespace UsocHil.Dictionary;

/// <summary>
/// A dictionary's packet layouts compiled into their inheritance tree: a packet is read from a root layout down,
/// taking at each level the first child whose restrictions hold on the fields read so far (XTCE's rule), and named by
/// the layout it ends in. Offsets and restriction fields are resolved here once, not per packet.
/// </summary>
public sealed partial class PacketLayouts
{
    private readonly Dictionary<string, PacketLayout> _layouts = new(StringComparer.Ordinal);
    private readonly (PacketLayout? Layout, string? Problem) _defaultStart;

    public PacketLayouts(RigDictionary dictionary)
    {
        var parameters = dictionary.Parameters.ToDictionary(p => p.Name, StringComparer.Ordinal);
        var definitions = new Dictionary<string, PacketDefinition>(StringComparer.Ordinal);
        foreach (PacketDefinition packet in dictionary.Packets)
        {
            if (!definitions.TryAdd(packet.Name, packet))
            {
                throw new ArgumentException($"packet layout {packet.Name} is defined twice", nameof(dictionary));
            }
        }

        var groups = new HashSet<string>(StringComparer.Ordinal);
        foreach ((PacketDefinition packet, string group) in dictionary.Packets.SelectMany(p => p.Entries.Where(e => e.Group is not null).Select(e => (p, e.Group!))))
        {
            // XTCE names a group's container after it: it must not stand for a layout or another group.
            if (definitions.ContainsKey(group) || !groups.Add(group))
            {
                throw new ArgumentException($"packet layout {packet.Name}: group {group} has the name of a packet layout or of another group", nameof(dictionary));
            }
        }

        foreach (PacketDefinition packet in dictionary.Packets)
        {
            Resolve(packet, definitions, parameters, []);
        }

        Roots = [.. dictionary.Packets.Where(p => p.Base is null).Select(p => p.Name)];
        _defaultStart = DefaultStart();
    }

    /// <summary>Layouts with no base, where decoding starts.</summary>
    public IReadOnlyList<string> Roots { get; }

    public bool Contains(string name) => _layouts.ContainsKey(name);

    /// <summary>
    /// Reads a packet from <paramref name="start"/> (when null, the only root or the only root others extend): the fields of its ancestors, then down
    /// the children whose restrictions hold. Throws <see cref="PacketDecodeException"/> for a packet too short for
    /// its layout or one that ends in an abstract layout.
    /// </summary>
    public DecodedPacket Decode(ReadOnlySpan<byte> packet, string? start = null)
    {
        PacketLayout layout = Start(start);
        var path = new Stack<PacketLayout>();
        for (PacketLayout? at = layout; at is not null; at = at.Parent)
        {
            path.Push(at);
        }

        var raw = new List<double>();
        var engineering = new List<double>();
        var fields = new List<DecodedField>();
        long shift = 0;
        foreach (PacketLayout ancestor in path)
        {
            shift = Read(packet, ancestor, raw, engineering, fields, shift);
        }

        while (FirstMatch(layout, raw, engineering) is { } child)
        {
            layout = child;
            shift = Read(packet, layout, raw, engineering, fields, shift);
        }

        return layout.Definition.Abstract
            ? throw new PacketDecodeException("layout", (int)(layout.EndBit / 8), $"no layout under {layout.Name} matches this packet")
            : new DecodedPacket(layout.Name, fields);
    }

    private PacketLayout Start(string? start)
    {
        if (start is not null)
        {
            return _layouts.TryGetValue(start, out PacketLayout? named) ? named : throw new KeyNotFoundException($"packet layout {start} is not in the dictionary");
        }

        return _defaultStart.Layout ?? throw new InvalidOperationException(_defaultStart.Problem);
    }

    /// <summary>Where a packet starts when the caller names no layout, found once (or why there is no such layout).</summary>
    private (PacketLayout? Layout, string? Problem) DefaultStart()
    {
        // Several roots: fragments other layouts include (a secondary header) beside one inheritance tree, whose root it is.
        var trees = Roots.Where(r => _layouts[r].Children.Count > 0).ToList();
        return Roots.Count == 1 ? (_layouts[Roots[0]], null)
            : trees.Count == 1 ? (_layouts[trees[0]], null)
            : (null, Roots.Count == 0
                ? "the dictionary has no packet layouts"
                : $"the dictionary has {Roots.Count} root packet layouts ({string.Join(", ", Roots)}): name the one to start from");
    }

    private static PacketLayout? FirstMatch(PacketLayout layout, List<double> raw, List<double> engineering)
    {
        ReadOnlySpan<double> rawSpan = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(raw);
        ReadOnlySpan<double> engineeringSpan = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(engineering);
        foreach (PacketLayout child in layout.Children)
        {
            if (child.Matches(rawSpan, engineeringSpan))
            {
                return child;
            }
        }

        return null;
    }

    /// <returns>The bits the variable fields read so far took (<paramref name="shift"/> plus this layout's).</returns>
    private static long Read(ReadOnlySpan<byte> packet, PacketLayout layout, List<double> raw, List<double> engineering, List<DecodedField> fields, long shift)
    {
        int next = 0;
        LayoutGroup[] groups = layout.Groups;
        for (int i = 0; i < layout.FieldArray.Length; i++)
        {
            while (next < groups.Length && groups[next].Position == i)
            {
                shift += ReadGroup(packet, groups[next++], raw, fields, shift);
            }

            LayoutField field = layout.FieldArray[i];
            long at = field.BitOffset + shift;
            double value = BitField.Read(packet, at, field.Type, field.Parameter.Name);
            double calibrated = field.Type.IsBlock ? value : Calibration.Apply(field.Parameter, value);
            string? label = null;
            if (field.Size is { } size)
            {
                (long content, int octets, long total) = BitField.Measure(packet, at, field.Type, size, field.SizeIndex >= 0 ? raw[field.SizeIndex] : double.NaN, field.Parameter.Name);
                label = BitField.ReadBlock(packet, content, field.Type, octets, field.Parameter.Name);
                shift += total;
            }
            else if (field.Type.IsBlock)
            {
                label = BitField.ReadBlock(packet, at, field.Type, field.Parameter.Name);
            }
            else
            {
                field.Parameter.Enum?.TryGetValue(value.ToString(System.Globalization.CultureInfo.InvariantCulture), out label);
            }

            raw.Add(value);
            engineering.Add(calibrated);
            fields.Add(new DecodedField(field.Parameter, field.Type, new EngineeringValue(field.Parameter.Name, value, calibrated, field.Parameter.Unit, label)));
        }

        while (next < groups.Length)
        {
            shift += ReadGroup(packet, groups[next++], raw, fields, shift);
        }

        return shift;
    }

    private PacketLayout Resolve(PacketDefinition packet, Dictionary<string, PacketDefinition> definitions, Dictionary<string, ParameterDefinition> parameters, HashSet<string> visiting)
    {
        if (_layouts.TryGetValue(packet.Name, out PacketLayout? done))
        {
            return done;
        }

        if (!visiting.Add(packet.Name))
        {
            throw new ArgumentException($"packet layout {packet.Name} is its own base", nameof(packet));
        }

        PacketLayout? parent = packet.Base is null
            ? null
            : Resolve(definitions.TryGetValue(packet.Base, out PacketDefinition? baseDefinition)
                ? baseDefinition
                : throw new ArgumentException($"packet layout {packet.Name} extends unknown layout {packet.Base}", nameof(packet)), definitions, parameters, visiting);
        var names = new List<string>();
        for (PacketLayout? at = parent; at is not null; at = at.Parent)
        {
            names.InsertRange(0, at.Fields.Select(f => f.Parameter.Name));
        }

        var restrictions = packet.Restrictions.Select(r => new LayoutRestriction(r, names.LastIndexOf(r.Parameter) is int index and >= 0
            ? index
            : throw new ArgumentException($"packet layout {packet.Name} is restricted on {r.Parameter}, which is not a field before it", nameof(packet)))).ToList();
        long bit = parent?.EndBit ?? 0;
        var fields = new List<LayoutField>(packet.Entries.Count);
        var groups = new List<LayoutGroup>();
        foreach (PacketEntryDefinition entry in packet.Entries)
        {
            if (entry.Group is not null)
            {
                bit += entry.Offset;
                groups.Add(ResolveGroup(packet, entry, parameters, names, fields.Count, bit));
                continue;
            }

            ParameterDefinition parameter = parameters.TryGetValue(entry.Parameter, out ParameterDefinition? p)
                ? p
                : throw new ArgumentException(entry.Parameter.Length == 0
                    ? $"packet layout {packet.Name}: an entry names neither a parameter nor a group"
                    : $"packet layout {packet.Name} names unknown parameter {entry.Parameter}", nameof(packet));
            FieldType type = FieldType.Parse(parameter.Type);
            bit += entry.Offset;
            FieldSizeDefinition? size = type.IsVariable
                ? parameter.Size ?? throw new ArgumentException($"{parameter.Name} is a {parameter.Type} without a size", nameof(packet))
                : null;
            int sizeIndex = size?.Parameter is { } counter
                ? names.LastIndexOf(counter) is int found and >= 0 ? found
                    : throw new ArgumentException($"packet layout {packet.Name}: {parameter.Name} is counted by {counter}, which is not a field before it", nameof(packet))
                : -1;
            fields.Add(new LayoutField(parameter, type, bit, names.Count, size, sizeIndex));
            names.Add(parameter.Name);
            bit += type.Bits;
        }

        var layout = new PacketLayout(packet, parent, fields, restrictions, bit, groups);
        _layouts.Add(packet.Name, layout);
        return layout;
    }
}
