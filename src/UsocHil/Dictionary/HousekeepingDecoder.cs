using System.Diagnostics.CodeAnalysis;
using System.Runtime.InteropServices;
using UsocHil.Framing.Ccsds;
using UsocHil.Protocols.Pus;
using UsocHil.Description;

namespace UsocHil.Dictionary;

/// <summary>
/// The fast path for one housekeeping structure: checks a whole TM[3,25] packet and writes its engineering values into
/// a caller's span in the structure's order, allocating nothing (offsets, types and curves are compiled once here
/// into a <see cref="FieldReadPlan"/>).
/// </summary>
public sealed class HousekeepingDecoder
{
    private readonly PusCodec _codec;
    private readonly WireType[] _types;
    private readonly int[] _offsets;
    private readonly FieldReadPlan _plan;
    private readonly int _valuesLength;

    internal HousekeepingDecoder(PusCodec codec, HousekeepingStructureDefinition structure, IReadOnlyList<ParameterDefinition> parameters)
    {
        _codec = codec;
        StructureId = (byte)structure.StructureId;
        Parameters = parameters;
        _types = new WireType[parameters.Count];
        _offsets = new int[parameters.Count];
        var curves = new CalibrationCurve[parameters.Count];
        int offset = 1;
        for (int i = 0; i < parameters.Count; i++)
        {
            _types[i] = WireValue.Parse(parameters[i].Type);
            _offsets[i] = offset;
            curves[i] = new CalibrationCurve(parameters[i]);
            offset += WireValue.Size(_types[i]);
        }

        _valuesLength = offset;
        _plan = new FieldReadPlan(_types, _offsets, curves);
    }

    public byte StructureId { get; }

    /// <summary>The structure's parameters in report order: index i of the decoded span is Parameters[i].</summary>
    public IReadOnlyList<ParameterDefinition> Parameters { get; }

    /// <summary>Octets of the report's source data: structure ID and values.</summary>
    public int SourceDataLength => _valuesLength;

    /// <summary>Decodes engineering values; throws <see cref="PacketDecodeException"/> for any other packet.</summary>
    public void Decode(ReadOnlySpan<byte> packet, Span<double> engineering) => Read(packet, engineering, calibrate: true);

    /// <summary>Decodes raw wire values.</summary>
    public void DecodeRaw(ReadOnlySpan<byte> packet, Span<double> raw) => Read(packet, raw, calibrate: false);

    /// <summary>Writes the source data of a TM[3,25] for these raw values (the emulator's side).</summary>
    public byte[] EncodeSourceData(ReadOnlySpan<double> raw)
    {
        if (raw.Length != _types.Length)
        {
            throw new ArgumentException($"{raw.Length} values for a structure of {_types.Length}", nameof(raw));
        }

        var data = new byte[_valuesLength];
        data[0] = StructureId;
        for (int i = 0; i < _types.Length; i++)
        {
            WireValue.Write(data.AsSpan(_offsets[i]), _types[i], raw[i]);
        }

        return data;
    }

    private void Read(ReadOnlySpan<byte> packet, Span<double> values, bool calibrate)
    {
        if (values.Length < _types.Length)
        {
            ThrowNoRoom(values.Length);
        }

        SpacePacketHeader header = _codec.CheckFrame(packet);
        if (header.Type != PacketType.Telemetry || packet[7] != HousekeepingReportService || packet[8] != HousekeepingReportSubtype)
        {
            ThrowNotHousekeeping();
        }

        int start = _codec.Layout.TelemetryHeaderLength;
        ReadSourceData(packet[start..^_codec.Layout.PecLength], values, calibrate, start);
    }

    /// <summary>Reads the source data of a report (structure ID and values); offsets in errors start at <paramref name="start"/>.</summary>
    internal void ReadSourceData(ReadOnlySpan<byte> data, Span<double> values, bool calibrate, int start)
    {
        if (data.Length != _valuesLength || data[0] != StructureId)
        {
            ThrowNotThisStructure(data, start);
        }

        if (values.Length < _types.Length)
        {
            ThrowNoRoom(values.Length);
        }

        // Every field lies inside the data: the offsets were laid end to end up to _valuesLength, checked above.
        _plan.Read(ref MemoryMarshal.GetReference(data), values, calibrate);
    }

    [DoesNotReturn]
    private void ThrowNoRoom(int values) =>
        throw new ArgumentException($"room for {values} values, the structure has {_types.Length}", nameof(values));

    [DoesNotReturn]
    private static void ThrowNotHousekeeping() => throw new PacketDecodeException("service", 7, "not a TM[3,25] housekeeping report");

    [DoesNotReturn]
    private void ThrowNotThisStructure(ReadOnlySpan<byte> data, int start) => throw (data.Length != _valuesLength
        ? new PacketDecodeException("app_data", start, $"{data.Length} octets of housekeeping data, structure {StructureId} has {_valuesLength}")
        : new PacketDecodeException("app_data.structure_id", start, $"structure {data[0]}, this decoder reads {StructureId}"));

    private const byte HousekeepingReportService = 3;
    private const byte HousekeepingReportSubtype = 25;
}
