using UsocHil.Description;
using UsocHil.Dictionary;
using UsocHil.Framing.Ccsds;
using UsocHil.Protocols.Pus;
using UsocHil.Rigs;

namespace UsocHil.Results;

/// <summary>What decoding a run's archived packets again gave: the values, and the packets that gave none.</summary>
/// <param name="Undecoded">Telemetry packets the dictionary of today cannot read (unknown structure, wrong length).</param>
/// <param name="BadErrorControl">Packets whose error control did not hold when they arrived: never decoded.</param>
public sealed record RedecodedRun(IReadOnlyList<TelemetryRow> Values, int Packets, int Decoded, int Undecoded, int BadErrorControl);

/// <summary>
/// Decodes a run's archived telemetry packets again with a rig's dictionary as it is now (a calibration fixed after
/// the run, a parameter renamed): housekeeping and parameter reports become engineering values, each at the packet's
/// on-board time (its reception time when it has none). It only reads the record: the sealed run is never touched.
/// </summary>
public static class PacketRedecode
{
    public static RedecodedRun Decode(RunRecord run, RigDefinition rig)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(rig);
        var codec = new DictionaryCodec(rig.Dictionary, (ushort)rig.Apid, new PusCodec(rig.Profile));
        var values = new List<TelemetryRow>();
        int packets = 0, decoded = 0, undecoded = 0, bad = 0;
        foreach (PacketRow packet in run.Packets.Where(p => p.Direction == PacketDirection.In))
        {
            packets++;
            if (!packet.ErrorControlGood)
            {
                bad++;
                continue;
            }

            try
            {
                Telemetry telemetry = codec.Codec.DecodeTelemetry(packet.Octets);
                IReadOnlyDictionary<string, EngineeringValue>? report = (telemetry.Service, telemetry.Subtype) switch
                {
                    (3, 25) => codec.DecodeHousekeeping(telemetry),
                    (20, 2) => codec.DecodeParameterReport(telemetry),
                    _ => null,
                };
                if (report is null)
                {
                    continue;
                }

                DateTimeOffset at = packet.Onboard ?? packet.Received;
                values.AddRange(report.Values.Select(v => new TelemetryRow(at, v.Name, v.Value)));
                decoded++;
            }
            catch (Exception e) when (e is PacketDecodeException or KeyNotFoundException or ArgumentException)
            {
                undecoded++;
            }
        }

        return new RedecodedRun(values, packets, decoded, undecoded, bad);
    }
}
