using UsocHil.Description;
using UsocHil.Dictionary;
using UsocHil.Framing.Ccsds;
using UsocHil.Protocols.Pus;
using UsocHil.Protocols.Pus.Services;

namespace UsocHil.Timelines;

/// <summary>
/// Reads one flight packet into a timeline through the rig's dictionary: PUS telemetry of the rig's APID (housekeeping
/// and parameter reports as values, event reports as events) at its own on-board time, telecommands as named commands
/// with their arguments, and, for a rig whose dictionary has packet layouts (an imported mission database), any
/// packet they decode, its time from a CCSDS day-segmented time in the fields <see cref="CdsTimeFields"/> names.
/// </summary>
internal sealed class TimelinePacketReader(RigDefinition rig, CdsTimeFields? cdsTime)
{
    private readonly DictionaryCodec _codec = new(rig.Dictionary, (ushort)rig.Apid, new PusCodec(rig.Profile));
    private readonly PacketLayouts? _layouts = rig.Dictionary.Packets.Count > 0 ? new PacketLayouts(rig.Dictionary) : null;

    /// <param name="onboard">The on-board time given beside the packet (a replay file's), used when the packet has none of its own.</param>
    public void Read(TimelineBuilder into, byte[] packet, string where, DateTimeOffset? onboard = null)
    {
        into.Total++;
        SpacePacketHeader header;
        try
        {
            header = SpacePacketHeader.Read(packet);
        }
        catch (PacketDecodeException e)
        {
            into.BadOne(where, e.Message);
            return;
        }

        if (header.Type == PacketType.Telemetry)
        {
            into.Telemetry++;
        }
        else
        {
            into.Telecommands++;
        }

        if (header.Apid == rig.Apid && _layouts is null)
        {
            ReadPus(into, packet, header, where, onboard);
        }
        else if (_layouts is not null)
        {
            ReadLayout(into, packet, where, onboard);
        }
        else
        {
            into.UnknownOne(where, $"APID {header.Apid} is not {rig.Name}'s ({rig.Apid})");
        }
    }

    private void ReadPus(TimelineBuilder into, byte[] packet, SpacePacketHeader header, string where, DateTimeOffset? onboard)
    {
        try
        {
            if (header.Type == PacketType.Telecommand)
            {
                DecodedCommand command = _codec.DecodeCommand(_codec.Codec.DecodeTelecommand(packet));
                into.Command(onboard, command.Command.Name, command.Arguments, Convert.ToHexString(packet),
                    System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(packet));
                return;
            }

            Telemetry telemetry = _codec.Codec.DecodeTelemetry(packet);
            DateTimeOffset? at = telemetry.Time.IsZero ? onboard : telemetry.Time.ToUtc();
            switch (telemetry.Service, telemetry.Subtype)
            {
                case (3, 25):
                    Values(into, at, _codec.DecodeHousekeeping(telemetry));
                    break;
                case (20, 2):
                    Values(into, at, _codec.DecodeParameterReport(telemetry));
                    break;
                case (VerificationReport.Service, >= 1 and <= 8):
                    VerificationReport report = VerificationReport.From(telemetry);
                    into.Now(at);
                    into.Verify(report.RequestId, report.Stage.ToString().ToLowerInvariant(), (int)report.Stage, report.Success, report.Success ? null : report.FailureCode);
                    break;
                case (5, _):
                    int id = EventReport.From(telemetry).EventId;
                    into.Event(at, _codec.FindEvent(id)?.Name ?? $"EVENT_{id}");
                    break;
                default:
                    into.Now(at);
                    break;
            }
        }
        catch (Exception e) when (e is PacketDecodeException or KeyNotFoundException)
        {
            if (e.Message.Contains("not in the dictionary", StringComparison.Ordinal))
            {
                into.UnknownOne(where, e.Message);
            }
            else
            {
                into.BadOne(where, e.Message);
            }
        }
    }

    private static void Values(TimelineBuilder into, DateTimeOffset? at, IReadOnlyDictionary<string, EngineeringValue> values)
    {
        foreach (EngineeringValue v in values.Values)
        {
            into.Sample(at, v.Name, v.Value);
        }
    }

    private void ReadLayout(TimelineBuilder into, byte[] packet, string where, DateTimeOffset? onboard)
    {
        DecodedPacket decoded;
        try
        {
            decoded = _layouts!.Decode(packet);
        }
        catch (Exception e) when (e is PacketDecodeException or InvalidOperationException)
        {
            into.UnknownOne(where, e.Message);
            return;
        }

        DateTimeOffset? at = cdsTime?.Read(decoded) ?? onboard;
        foreach (DecodedField field in decoded.Fields)
        {
            // A timeline's samples are numbers to judge against the ground: text and octets are not among them.
            if (field.Type.IsBlock)
            {
                continue;
            }

            foreach (EngineeringValue value in field.Repetitions ?? [field.Value])
            {
                into.Sample(at, field.Parameter.Name, value.Value);
            }
        }
    }
}
