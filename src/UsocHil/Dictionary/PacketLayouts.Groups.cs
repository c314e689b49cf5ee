using UsocHil.Description;
using UsocHil.Framing.Ccsds;

namespace UsocHil.Dictionary;

/// <summary>Repeated groups: resolved once with their layout, read where they stand with the count decoded before them.</summary>
public sealed partial class PacketLayouts
{
    private static LayoutGroup ResolveGroup(PacketDefinition packet, PacketEntryDefinition entry, Dictionary<string, ParameterDefinition> parameters, List<string> names, int position, long bit)
    {
        string group = entry.Group!;
        string where = $"packet layout {packet.Name}: group {group}";
        int countIndex = entry.Count is { } count && names.LastIndexOf(count) is int found and >= 0
            ? found
            : throw new ArgumentException($"{where} is counted by {entry.Count ?? "nothing"}, which is not a field before it", nameof(packet));
        if (entry.Fields is not { Count: > 0 } fields)
        {
            throw new ArgumentException($"{where} has no fields", nameof(packet));
        }

        var members = new List<LayoutField>(fields.Count);
        long at = 0;
        foreach (PacketEntryDefinition field in fields)
        {
            if (field.Group is not null)
            {
                throw new ArgumentException($"{where} holds group {field.Group}; groups inside groups are not supported", nameof(packet));
            }

            ParameterDefinition parameter = parameters.TryGetValue(field.Parameter, out ParameterDefinition? p)
                ? p
                : throw new ArgumentException($"{where} names unknown parameter {field.Parameter}", nameof(packet));
            FieldType type = FieldType.Parse(parameter.Type);
            if (type.IsVariable)
            {
                throw new ArgumentException($"{where}: {parameter.Name} is a {parameter.Type} whose size the packet says; a repeated group holds fixed-size fields only", nameof(packet));
            }

            at += field.Offset;
            members.Add(new LayoutField(parameter, type, at, -1));
            at += type.Bits;
        }

        return new LayoutGroup(group, bit, position, countIndex, [.. members], at);
    }

    /// <summary>How many times <paramref name="group"/> repeats in this packet, checked to fit it; <paramref name="start"/> is its first bit.</summary>
    private static int Repetitions(ReadOnlySpan<byte> packet, LayoutGroup group, double count, long start)
    {
        long available = ((long)packet.Length * 8) - start;
        if (!(double.IsFinite(count) && count >= 0 && Math.Floor(count) == count))
        {
            throw new PacketDecodeException(group.Name, (int)(start / 8), $"a count of {count} is not a number of repetitions");
        }

        return group.Bits * count > available
            ? throw new PacketDecodeException(group.Name, (int)(start / 8), $"{count} repetitions of {group.Bits} bits at bit {start} run past the packet's {packet.Length} octets")
            : (int)count;
    }

    /// <summary>The object path: each field of the group with all its repetitions; returns the bits they took.</summary>
    private static long ReadGroup(ReadOnlySpan<byte> packet, LayoutGroup group, List<double> raw, List<DecodedField> fields, long shift)
    {
        long start = group.BitOffset + shift;
        int repetitions = Repetitions(packet, group, raw[group.CountIndex], start);
        for (int m = 0; m < group.Members.Length; m++)
        {
            LayoutField member = group.Members[m];
            var values = new EngineeringValue[repetitions];
            for (int r = 0; r < repetitions; r++)
            {
                long at = start + (r * group.Bits) + member.BitOffset;
                double value = BitField.Read(packet, at, member.Type, member.Parameter.Name);
                string? label = null;
                if (member.Type.IsBlock)
                {
                    label = BitField.ReadBlock(packet, at, member.Type, member.Parameter.Name);
                }
                else
                {
                    member.Parameter.Enum?.TryGetValue(value.ToString(System.Globalization.CultureInfo.InvariantCulture), out label);
                }

                values[r] = new EngineeringValue(member.Parameter.Name, value, member.Type.IsBlock ? value : group.Curves[m].Apply(value), member.Parameter.Unit, label);
            }

            EngineeringValue first = repetitions > 0 ? values[0] : new EngineeringValue(member.Parameter.Name, double.NaN, double.NaN, member.Parameter.Unit, null);
            fields.Add(new DecodedField(member.Parameter, member.Type, first, values));
        }

        return repetitions * group.Bits;
    }

    /// <summary>The bulk path: only where the group ends (its values are <see cref="Decode"/>'s).</summary>
    private static long SkipGroup(ReadOnlySpan<byte> packet, LayoutGroup group, ReadOnlySpan<double> raw, long shift)
    {
        long start = group.BitOffset + shift;
        return Repetitions(packet, group, raw[group.CountIndex], start) * group.Bits;
    }
}
