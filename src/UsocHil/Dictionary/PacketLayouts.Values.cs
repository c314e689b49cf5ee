using UsocHil.Framing.Ccsds;

namespace UsocHil.Dictionary;

/// <summary>The decode of a recording's bulk: values into the caller's arrays, no objects per packet or field.</summary>
public sealed partial class PacketLayouts
{
    /// <summary>
    /// Reads a packet as <see cref="Decode"/> does, but only its raw and engineering values (those of the fields
    /// outside repeated groups, whose repetitions only <see cref="Decode"/> gives), in path order, into
    /// <paramref name="raw"/> and <paramref name="engineering"/> (each at least as long as the longest path); returns
    /// the name of the layout it ends in and sets <paramref name="count"/> to the fields read. Same exceptions as <see cref="Decode"/>.
    /// </summary>
    public string DecodeValues(ReadOnlySpan<byte> packet, Span<double> raw, Span<double> engineering, out int count, string? start = null)
    {
        PacketLayout layout = Start(start);
        long shift = 0;
        count = ReadPath(packet, layout, raw, engineering, ref shift);
        while (FirstMatch(layout, raw[..count], engineering[..count]) is { } child)
        {
            layout = child;
            count = ReadFields(packet, layout, raw, engineering, count, ref shift);
        }

        return layout.Definition.Abstract
            ? throw new PacketDecodeException("layout", (int)(layout.EndBit / 8), $"no layout under {layout.Name} matches this packet")
            : layout.Name;
    }

    private static int ReadPath(ReadOnlySpan<byte> packet, PacketLayout layout, Span<double> raw, Span<double> engineering, ref long shift) =>
        ReadFields(packet, layout, raw, engineering, layout.Parent is null ? 0 : ReadPath(packet, layout.Parent, raw, engineering, ref shift), ref shift);

    private static int ReadFields(ReadOnlySpan<byte> packet, PacketLayout layout, Span<double> raw, Span<double> engineering, int at, ref long shift)
    {
        if (layout.Variable || shift != 0)
        {
            return ReadShiftedFields(packet, layout, raw, engineering, at, ref shift);
        }

        LayoutField[] fields = layout.FieldArray;
        CalibrationCurve[] curves = layout.Curves;
        for (int i = 0; i < fields.Length; i++)
        {
            ref readonly LayoutField field = ref fields[i];
            double value = BitField.Read(packet, field.BitOffset, field.Type, field.Parameter.Name);
            raw[at] = value;
            engineering[at++] = curves[i].Apply(value);
        }

        return at;
    }

    /// <summary>The fields of a layout behind or with variable strings and blocks: each offset moved by what those before took.</summary>
    private static int ReadShiftedFields(ReadOnlySpan<byte> packet, PacketLayout layout, Span<double> raw, Span<double> engineering, int at, ref long shift)
    {
        LayoutField[] fields = layout.FieldArray;
        CalibrationCurve[] curves = layout.Curves;
        LayoutGroup[] groups = layout.Groups;
        int next = 0;
        for (int i = 0; i < fields.Length; i++)
        {
            while (next < groups.Length && groups[next].Position == i)
            {
                shift += SkipGroup(packet, groups[next++], raw, shift);
            }

            ref readonly LayoutField field = ref fields[i];
            long bit = field.BitOffset + shift;
            double value = BitField.Read(packet, bit, field.Type, field.Parameter.Name);
            if (field.Size is { } size)
            {
                shift += BitField.Measure(packet, bit, field.Type, size, field.SizeIndex >= 0 ? raw[field.SizeIndex] : double.NaN, field.Parameter.Name).TotalBits;
            }

            raw[at] = value;
            engineering[at++] = curves[i].Apply(value);
        }

        while (next < groups.Length)
        {
            shift += SkipGroup(packet, groups[next++], raw, shift);
        }

        return at;
    }

    private static PacketLayout? FirstMatch(PacketLayout layout, ReadOnlySpan<double> raw, ReadOnlySpan<double> engineering)
    {
        IReadOnlyList<PacketLayout> children = layout.Children;
        for (int i = 0; i < children.Count; i++)
        {
            if (children[i].Matches(raw, engineering))
            {
                return children[i];
            }
        }

        return null;
    }
}
