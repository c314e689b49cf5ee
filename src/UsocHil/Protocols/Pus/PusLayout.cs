using System.Globalization;
using UsocHil.Framing.Ccsds;
using UsocHil.Description;
using UsocHil.Framing;

namespace UsocHil.Protocols.Pus;

/// <summary>A <see cref="MissionProfile"/> resolved once into octet counts and offsets, so the codec never parses strings per packet.</summary>
public sealed class PusLayout
{
    private static readonly string[] EpochFormats = ["yyyy-MM-dd", "yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK"];

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
        AgencyEpoch = ParseEpoch(profile.TimeEpoch);
        PFieldOctets = HasTime ? CucPField.For(CoarseOctets, FineOctets, AgencyEpoch is null ? 0b001 : 0b010) : [];
        PFieldLength = profile.TimeExplicitPField ? PFieldOctets.Count : 0;
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

    /// <summary>The agency-defined CUC epoch (time code 010); null for TAI 1958 (time code 001).</summary>
    public DateTimeOffset? AgencyEpoch { get; }

    /// <summary>The P-field this profile writes and expects (whether or not the packets carry it): one octet, or two with the extension.</summary>
    public IReadOnlyList<byte> PFieldOctets { get; }
    public int PecLength { get; }
    public int MaxPacketLength { get; }

    /// <summary>Primary and secondary header octets of a telecommand: where its application data starts.</summary>
    public int TelecommandHeaderLength { get; }

    /// <summary>Primary and secondary header octets of a telemetry packet: where its source data starts.</summary>
    public int TelemetryHeaderLength { get; }

    /// <summary>The first P-field octet this profile writes and expects.</summary>
    public byte PField => PFieldOctets.Count > 0 ? PFieldOctets[0] : (byte)0;

    /// <summary>A CUC time of this profile's shape and epoch for a UTC instant.</summary>
    public CucTime TimeFromUtc(DateTimeOffset utc) => CucTime.FromUtc(utc, CoarseOctets, FineOctets, AgencyEpoch);

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
            && coarse is >= 1 and <= CucTime.MaxCoarseOctets && fine <= CucTime.MaxFineOctets)
        {
            return (coarse, fine);
        }

        throw new ArgumentException($"profile time '{time}' is not none or cuc-C-F with C in 1..{CucTime.MaxCoarseOctets} and F in 0..{CucTime.MaxFineOctets}", nameof(time));
    }

    private static DateTimeOffset? ParseEpoch(string epoch)
    {
        if (string.Equals(epoch, "tai", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        if (DateTimeOffset.TryParseExact(epoch, EpochFormats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out DateTimeOffset parsed))
        {
            return parsed;
        }

        throw new ArgumentException($"profile timeEpoch '{epoch}' is not tai or an ISO 8601 date (agency-defined epoch, such as 2000-01-01 or 2000-01-01T12:00:00Z)", nameof(epoch));
    }
}
