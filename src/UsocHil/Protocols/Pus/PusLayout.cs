using System.Globalization;
using UsocHil.Framing.Ccsds;
using UsocHil.Description;
using UsocHil.Framing;

namespace UsocHil.Protocols.Pus;

/// <summary>A <see cref="MissionProfile"/> resolved once into octet counts and offsets, so the codec never parses strings per packet.</summary>
public sealed class PusLayout
{
    public PusLayout(MissionProfile profile)
    {
        Profile = profile;
        ErrorControl = profile.ErrorControl.ToLowerInvariant() switch
        {
            "crc" => PacketErrorControl.Crc,
            "iso" => PacketErrorControl.Iso,
            "none" => PacketErrorControl.None,
            var other => throw new ArgumentException($"profile errorControl '{other}' is not crc, iso or none", nameof(profile)),
        };
        (CoarseOctets, FineOctets) = ParseTime(profile.Time);
        HasTime = CoarseOctets > 0;
        PFieldLength = HasTime && profile.TimeExplicitPField ? 1 : 0;
        if (profile.MaxPacketLength < SpacePacketHeader.Size + 1 || profile.MaxPacketLength > SpacePacketHeader.MaxPacketLength)
        {
            throw new ArgumentException($"profile maxPacketLength {profile.MaxPacketLength} is outside 7..{SpacePacketHeader.MaxPacketLength}", nameof(profile));
        }

        MaxPacketLength = profile.MaxPacketLength;
        PecLength = ErrorControl == PacketErrorControl.None ? 0 : 2;
        TelecommandHeaderLength = SpacePacketHeader.Size + 3 + (profile.TcSourceId ? 2 : 0);
        TelemetryHeaderLength = SpacePacketHeader.Size + 3
            + (profile.TmMessageTypeCounter ? 2 : 0)
            + (profile.TmDestinationId ? 2 : 0)
            + PFieldLength + CoarseOctets + FineOctets;
    }

    public MissionProfile Profile { get; }
    public PacketErrorControl ErrorControl { get; }
    public bool HasTime { get; }
    public byte CoarseOctets { get; }
    public byte FineOctets { get; }
    public int PFieldLength { get; }
    public int PecLength { get; }
    public int MaxPacketLength { get; }

    /// <summary>Primary and secondary header octets of a telecommand: where its application data starts.</summary>
    public int TelecommandHeaderLength { get; }

    /// <summary>Primary and secondary header octets of a telemetry packet: where its source data starts.</summary>
    public int TelemetryHeaderLength { get; }

    /// <summary>The P-field this profile writes and expects: TAI epoch (time code ID 001) and its octet counts.</summary>
    public byte PField => (byte)(0b001 << 4 | (CoarseOctets - 1) << 2 | FineOctets);

    public int HeaderLength(PacketType type) => type == PacketType.Telecommand ? TelecommandHeaderLength : TelemetryHeaderLength;

    private static (byte Coarse, byte Fine) ParseTime(string time)
    {
        if (string.Equals(time, "none", StringComparison.OrdinalIgnoreCase))
        {
            return (0, 0);
        }

        string[] parts = time.Split('-');
        if (parts.Length == 3 && parts[0].Equals("cuc", StringComparison.OrdinalIgnoreCase)
            && byte.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out byte coarse)
            && byte.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out byte fine)
            && coarse is >= 1 and <= 4 && fine <= 3)
        {
            return (coarse, fine);
        }

        throw new ArgumentException($"profile time '{time}' is not none or cuc-C-F with C in 1..4 and F in 0..3", nameof(time));
    }
}
