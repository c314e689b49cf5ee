using UsocHil.Framing.Ccsds;
using UsocHil.Protocols.Pus;

namespace UsocHil.FirmwareSim.Furnace.Pus;

/// <summary>
/// Stamps and encodes the furnace's telemetry: sequence count per APID, message type counter per service and
/// subtype, and the CUC time of the rig time the packet belongs to (TAI = UTC + 37 s).
/// </summary>
public sealed class TelemetryFactory
{
    private readonly PusCodec _codec;
    private readonly DateTimeOffset _rigStartUtc;
    private readonly SequenceCounter _sequence = new();
    private readonly Dictionary<(byte, byte), ushort> _typeCounters = [];
    private readonly Lock _gate = new();

    public TelemetryFactory(PusCodec codec, ushort apid, DateTimeOffset rigStartUtc)
    {
        _codec = codec;
        Apid = apid;
        _rigStartUtc = rigStartUtc;
    }

    public ushort Apid { get; }

    public PusCodec Codec => _codec;

    public byte[] Encode(Telemetry telemetry, TimeSpan rigTime, ushort destinationId = 0)
    {
        lock (_gate)
        {
            var key = (telemetry.Service, telemetry.Subtype);
            ushort counter = _typeCounters.GetValueOrDefault(key);
            _typeCounters[key] = unchecked((ushort)(counter + 1));
            return _codec.Encode(telemetry with
            {
                SequenceCount = _sequence.Next(Apid),
                MessageTypeCounter = counter,
                DestinationId = destinationId,
                Time = CucTime.FromUtc(_rigStartUtc + rigTime, _codec.Layout.CoarseOctets, _codec.Layout.FineOctets),
            });
        }
    }
}
