
namespace UsocHil.Protocols.Pus.Services;

/// <summary>
/// The ST[20] value list: N (1 octet), then N times the parameter ID (2 octets) and its value in the parameter's type.
/// Which type a parameter has comes from the dictionary through <c>typeOf</c> (null: unknown parameter).
/// </summary>
internal static class ParameterValueList
{
    public const int MaxCount = byte.MaxValue;

    public static byte[] Write(IReadOnlyList<ParameterValue> values, Func<ushort, WireType?> typeOf)
    {
        if (values.Count > MaxCount)
        {
            throw new ArgumentException($"{values.Count} parameters, at most {MaxCount} fit one request", nameof(values));
        }

        var writer = new AppDataWriter().UInt8((byte)values.Count);
        foreach (ParameterValue value in values)
        {
            WireType type = typeOf(value.Id) ?? throw new ArgumentException($"parameter {value.Id} is not in the dictionary", nameof(values));
            writer.UInt16(value.Id).Value(type, value.Value);
        }

        return writer.ToArray();
    }

    public static ParameterValue[] Read(ReadOnlySpan<byte> data, Func<ushort, WireType?> typeOf)
    {
        var reader = new AppDataReader(data);
        int count = reader.ReadUInt8("count");
        var values = new ParameterValue[count];
        for (int i = 0; i < count; i++)
        {
            ushort id = reader.ReadUInt16("parameter_id");
            WireType type = typeOf(id) ?? throw reader.Error("parameter_id", $"parameter {id} is not in the dictionary");
            values[i] = new ParameterValue(id, reader.ReadValue("value", type));
        }

        reader.ExpectEnd("the parameter list");
        return values;
    }
}
