using System.Buffers.Binary;
using UsocHil.Framing.Ccsds;
using UsocHil.Description;
using UsocHil.Framing;

namespace UsocHil.Protocols.Pus;

/// <summary>
/// Encodes and decodes whole PUS-C packets (primary header, secondary header, data, error control) under one mission
/// profile. Decoding checks everything the bytes can contradict and throws only <see cref="PacketDecodeException"/>;
/// it allocates only the returned record and a copy of the data field, bounded by the profile's maximum length.
/// </summary>
public sealed class PusCodec
{
    public PusCodec(MissionProfile profile)
        : this(new PusLayout(profile))
    {
    }

    public PusCodec(PusLayout layout) => Layout = layout;

    public static PusCodec UsocHilDefault { get; } = new(MissionProfile.UsocHilDefault);

    public PusLayout Layout { get; }

    public int GetEncodedLength(PusPacket packet) => Layout.HeaderLength(packet.Type) + packet.ApplicationData.Length + Layout.PecLength;

    public byte[] Encode(PusPacket packet)
    {
        var bytes = new byte[GetEncodedLength(packet)];
        Encode(packet, bytes);
        return bytes;
    }

    /// <summary>
    /// Writes the packet; returns its length. A header field out of its range throws <see cref="PacketFieldException"/>
    /// naming it; a packet that does not fit throws <see cref="ArgumentException"/>.
    /// </summary>
    public int Encode(PusPacket packet, Span<byte> destination)
    {
        PusFieldRanges.Check(packet, Layout);
        int length = GetEncodedLength(packet);
        if (length > Layout.MaxPacketLength)
        {
            throw new ArgumentException($"a packet of {length} octets exceeds the profile's maximum of {Layout.MaxPacketLength}", nameof(packet));
        }

        if (destination.Length < length)
        {
            throw new ArgumentException($"{destination.Length} octets of room for a packet of {length}", nameof(destination));
        }

        new SpacePacketHeader(packet.Type, true, packet.Apid, packet.SequenceFlags, packet.SequenceCount, (ushort)(length - SpacePacketHeader.Size - 1))
            .WriteTo(destination);
        int offset = packet switch
        {
            Telecommand tc => WriteSecondaryHeader(tc, destination),
            Telemetry tm => WriteSecondaryHeader(tm, destination),
            _ => throw new ArgumentException($"unknown packet kind {packet.GetType().Name}", nameof(packet)),
        };
        packet.ApplicationData.Span.CopyTo(destination[offset..]);
        offset += packet.ApplicationData.Length;
        WritePec(destination[..length], offset);
        return length;
    }

    /// <summary>Decodes a telecommand or a telemetry packet, whichever the type bit says.</summary>
    public PusPacket Decode(ReadOnlySpan<byte> packet, bool requireValidPec = true)
    {
        SpacePacketHeader header = CheckFrame(packet, requireValidPec);
        return header.Type == PacketType.Telecommand ? ReadTelecommand(packet, header) : ReadTelemetry(packet, header);
    }

    public Telecommand DecodeTelecommand(ReadOnlySpan<byte> packet, bool requireValidPec = true)
    {
        SpacePacketHeader header = CheckFrame(packet, requireValidPec);
        return header.Type == PacketType.Telecommand
            ? ReadTelecommand(packet, header)
            : throw new PacketDecodeException("type", 0, "a telemetry packet where a telecommand was expected");
    }

    public Telemetry DecodeTelemetry(ReadOnlySpan<byte> packet, bool requireValidPec = true)
    {
        SpacePacketHeader header = CheckFrame(packet, requireValidPec);
        return header.Type == PacketType.Telemetry
            ? ReadTelemetry(packet, header)
            : throw new PacketDecodeException("type", 0, "a telecommand where a telemetry packet was expected");
    }

    /// <summary>
    /// Whether the octets are an idle packet (CCSDS 133.0-B-2: APID 2047, no secondary header, data to be ignored): a
    /// receiver skips it without decoding it as PUS. False for anything shorter than a primary header.
    /// </summary>
    public static bool IsIdle(ReadOnlySpan<byte> packet) =>
        packet.Length >= SpacePacketHeader.Size && SpacePacketHeader.Read(packet) is { IsIdle: true, Version: 0, SecondaryHeader: false } header
        && header.PacketLength == packet.Length;

    /// <summary>Whether the packet's error control matches its bytes; null when the profile has none.</summary>
    public bool? CheckPec(ReadOnlySpan<byte> packet) =>
        Layout.ErrorControl == PacketErrorControl.None ? null : FrameCheck.IsValid(Layout.ErrorControl, packet);

    /// <summary>
    /// Checks the primary header against the bytes given and the profile, the PUS version and the error control;
    /// returns the header. Allocates nothing: the housekeeping fast path uses it before reading values in place.
    /// </summary>
    public SpacePacketHeader CheckFrame(ReadOnlySpan<byte> packet, bool requireValidPec = true)
    {
        SpacePacketHeader header = SpacePacketHeader.Read(packet);
        if (header.Version != 0)
        {
            throw new PacketDecodeException("version", 0, $"packet version number {header.Version}, CCSDS space packets have 0");
        }

        if (header.PacketLength > Layout.MaxPacketLength)
        {
            throw new PacketDecodeException("data_length", 4, $"announces a packet of {header.PacketLength} octets, more than the profile's maximum of {Layout.MaxPacketLength}");
        }

        if (header.PacketLength != packet.Length)
        {
            throw new PacketDecodeException("data_length", 4, $"data length {header.DataLength} announces a packet of {header.PacketLength} octets but {packet.Length} were given");
        }

        if (header.IsIdle)
        {
            throw new PacketDecodeException("apid", 0, $"an idle packet (APID {SpacePacketHeader.IdleApid}): fill, no PUS packet; see {nameof(IsIdle)}");
        }

        if (!header.SecondaryHeader)
        {
            throw new PacketDecodeException("sec_hdr", 0, "the secondary header flag is 0; PUS packets carry a secondary header");
        }

        if (packet.Length > SpacePacketHeader.Size)
        {
            int pusVersion = packet[SpacePacketHeader.Size] >> 4;
            if (pusVersion != PusPacket.PusVersionC)
            {
                string what = pusVersion == 1 ? "PUS-A (version 1) is not supported" : $"PUS version {pusVersion} is unknown";
                throw new PacketDecodeException("pus_version", SpacePacketHeader.Size, $"{what}; this decoder reads PUS-C (version 2)");
            }
        }

        int minimum = Layout.HeaderLength(header.Type) + Layout.PecLength;
        if (packet.Length < minimum)
        {
            throw new PacketDecodeException("data_length", 4, $"a {header.Type} packet of {packet.Length} octets is shorter than its headers and error control ({minimum}) under this profile");
        }

        if (requireValidPec && !FrameCheck.IsValid(Layout.ErrorControl, packet))
        {
            throw new PacketDecodeException("pec", packet.Length - 2, $"packet error control {BinaryPrimitives.ReadUInt16BigEndian(packet[^2..]):X4} does not match the packet ({Layout.ErrorControl})");
        }

        return header;
    }

    private Telecommand ReadTelecommand(ReadOnlySpan<byte> packet, SpacePacketHeader header)
    {
        int dataStart = Layout.TelecommandHeaderLength;
        return new Telecommand
        {
            Apid = header.Apid,
            SequenceFlags = header.SequenceFlags,
            SequenceCount = header.SequenceCount,
            AckFlags = (AckFlags)(packet[6] & 0x0F),
            Service = packet[7],
            Subtype = packet[8],
            SourceId = Layout.Profile.TcSourceId ? BinaryPrimitives.ReadUInt16BigEndian(packet[9..]) : (ushort)0,
            ApplicationData = packet[dataStart..^Layout.PecLength].ToArray(),
        };
    }

    private Telemetry ReadTelemetry(ReadOnlySpan<byte> packet, SpacePacketHeader header)
    {
        int offset = 9;
        ushort counter = 0;
        ushort destination = 0;
        if (Layout.Profile.TmMessageTypeCounter)
        {
            counter = BinaryPrimitives.ReadUInt16BigEndian(packet[offset..]);
            offset += 2;
        }

        if (Layout.Profile.TmDestinationId)
        {
            destination = BinaryPrimitives.ReadUInt16BigEndian(packet[offset..]);
            offset += 2;
        }

        CucTime time = default;
        if (Layout.HasTime)
        {
            if (Layout.PFieldLength > 0)
            {
                ReadOnlySpan<byte> pField = packet.Slice(offset, Layout.PFieldLength);
                if (!MatchesPField(pField))
                {
                    throw new PacketDecodeException("time_pfield", offset, $"P-field {Convert.ToHexString(pField)}, the profile's time format has {Convert.ToHexString([.. Layout.PFieldOctets])}");
                }

                offset += Layout.PFieldLength;
            }

            ulong coarse = ReadUnsigned(packet.Slice(offset, Layout.CoarseOctets));
            offset += Layout.CoarseOctets;
            ReadOnlySpan<byte> fine = packet.Slice(offset, Layout.FineOctets);
            int high = Math.Max(0, fine.Length - 8);
            offset += Layout.FineOctets;
            time = new CucTime(coarse, ReadUnsigned(fine[..high]), ReadUnsigned(fine[high..]), Layout.CoarseOctets, Layout.FineOctets, Layout.AgencyEpoch);
        }

        return new Telemetry
        {
            Apid = header.Apid,
            SequenceFlags = header.SequenceFlags,
            SequenceCount = header.SequenceCount,
            TimeReferenceStatus = (byte)(packet[6] & 0x0F),
            Service = packet[7],
            Subtype = packet[8],
            MessageTypeCounter = counter,
            DestinationId = destination,
            Time = time,
            ApplicationData = packet[offset..^Layout.PecLength].ToArray(),
        };
    }

    private int WriteSecondaryHeader(Telecommand tc, Span<byte> destination)
    {
        destination[6] = (byte)(PusPacket.PusVersionC << 4 | (int)tc.AckFlags);
        destination[7] = tc.Service;
        destination[8] = tc.Subtype;
        if (!Layout.Profile.TcSourceId)
        {
            return 9;
        }

        BinaryPrimitives.WriteUInt16BigEndian(destination[9..], tc.SourceId);
        return 11;
    }

    private int WriteSecondaryHeader(Telemetry tm, Span<byte> destination)
    {
        destination[6] = (byte)(PusPacket.PusVersionC << 4 | tm.TimeReferenceStatus);
        destination[7] = tm.Service;
        destination[8] = tm.Subtype;
        int offset = 9;
        if (Layout.Profile.TmMessageTypeCounter)
        {
            BinaryPrimitives.WriteUInt16BigEndian(destination[offset..], tm.MessageTypeCounter);
            offset += 2;
        }

        if (Layout.Profile.TmDestinationId)
        {
            BinaryPrimitives.WriteUInt16BigEndian(destination[offset..], tm.DestinationId);
            offset += 2;
        }

        if (Layout.HasTime)
        {
            for (int i = 0; i < Layout.PFieldLength; i++)
            {
                destination[offset++] = Layout.PFieldOctets[i];
            }

            WriteUnsigned(destination.Slice(offset, Layout.CoarseOctets), tm.Time.Coarse);
            offset += Layout.CoarseOctets;
            Span<byte> fine = destination.Slice(offset, Layout.FineOctets);
            int high = Math.Max(0, fine.Length - 8);
            WriteUnsigned(fine[..high], tm.Time.FineHigh);
            WriteUnsigned(fine[high..], tm.Time.FineLow);
            offset += Layout.FineOctets;
        }

        return offset;
    }

    private void WritePec(Span<byte> packet, int offset)
    {
        switch (Layout.ErrorControl)
        {
            case PacketErrorControl.Crc:
                BinaryPrimitives.WriteUInt16BigEndian(packet[offset..], Crc16CcittFalse.Compute(packet[..offset]));
                break;
            case PacketErrorControl.Iso:
                BinaryPrimitives.WriteUInt16BigEndian(packet[offset..], IsoChecksum.Compute(packet[..offset]));
                break;
        }
    }

    private bool MatchesPField(ReadOnlySpan<byte> pField)
    {
        for (int i = 0; i < pField.Length; i++)
        {
            if (pField[i] != Layout.PFieldOctets[i])
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Big-endian, up to 8 octets (a time field's coarse part, or one half of its fine part).</summary>
    private static ulong ReadUnsigned(ReadOnlySpan<byte> source)
    {
        ulong value = 0;
        foreach (byte b in source)
        {
            value = value << 8 | b;
        }

        return value;
    }

    private static void WriteUnsigned(Span<byte> destination, ulong value)
    {
        for (int i = destination.Length - 1; i >= 0; i--)
        {
            destination[i] = (byte)value;
            value >>= 8;
        }
    }
}
