using System.Globalization;
using UsocHil.Framing.Ccsds;

namespace UsocHil.Sequencing.Steps;

/// <summary>
/// Sends one whole CCSDS space packet, given as hex, verbatim on the payload link:
/// <c>{"kind":"raw","packet":"1864C000000A2F1101006400..."}</c> (spaces between octets allowed). The bytes go
/// through the link's framing (sync marker on serial, back to back on TCP) and nothing else: no sequence count, no
/// error control, no verification is added or awaited, so a later wait or verify step must check the effect.
/// Outside the dictionary, so refused when the sequence is read unless the operator ran <c>usoc-hil run --raw</c>;
/// each packet sent is logged as a warning (by the rig session) and recorded as an event of the run.
/// </summary>
internal sealed class RawStep(byte[] packet, string? label) : ISequenceStep
{
    public const string Disabled = "raw packet sending is not enabled: a raw step sends bytes outside the dictionary; only `usoc-hil run ... --raw` allows it";

    public string Kind => "raw";

    public string Label => label ?? $"raw packet {Describe(packet)}";

    public TimeSpan? Timeout => TimeSpan.FromSeconds(30);

    public async Task ExecuteAsync(StepContext context, CancellationToken cancellationToken)
    {
        if (!context.Options.AllowRawPackets)
        {
            throw new StepFailedException(context.Path, Disabled);
        }

        await context.Rig.SendRawPacketAsync(packet, cancellationToken).ConfigureAwait(false);
        context.Event("warning", $"raw packet sent (--raw): {Describe(packet)}: {Convert.ToHexString(packet)}");
    }

    public static ISequenceStep? Read(StepReader r)
    {
        string? text = r.String("packet");
        if (!r.Context.AllowRawPackets)
        {
            r.Problem(r.Json["kind"], "kind", Disabled);
        }

        if (text is null)
        {
            return null;
        }

        string digits = string.Concat(text.Where(c => !char.IsWhiteSpace(c)));
        byte[] bytes;
        try
        {
            bytes = Convert.FromHexString(digits);
        }
        catch (FormatException)
        {
            r.Problem(r.Json["packet"], "packet", "not hex: expected the packet's octets as pairs of hex digits");
            return null;
        }

        int max = r.Context.Rig.Profile.MaxPacketLength;
        if (bytes.Length < SpacePacketHeader.Size + 1 || bytes.Length > max)
        {
            r.Problem(r.Json["packet"], "packet", $"{bytes.Length} octets: a space packet here has 7..{max} (the rig's profile)");
            return null;
        }

        // The link's framing trusts the packet data length on TCP: a wrong one would shift every later packet.
        int announced = SpacePacketHeader.Read(bytes).PacketLength;
        if (announced != bytes.Length)
        {
            r.Problem(r.Json["packet"], "packet", $"its packet data length field announces {announced} octets but it has {bytes.Length}");
            return null;
        }

        return new RawStep(bytes, r.Label);
    }

    /// <summary>What the primary header (and a PUS-C TC secondary header) says, for the log and the record.</summary>
    internal static string Describe(ReadOnlySpan<byte> packet)
    {
        SpacePacketHeader header = SpacePacketHeader.Read(packet);
        bool telecommand = header.Type == PacketType.Telecommand;
        string what = telecommand && header.SecondaryHeader && packet.Length >= SpacePacketHeader.Size + 3
            ? string.Create(CultureInfo.InvariantCulture, $"TC[{packet[7]},{packet[8]}]")
            : telecommand ? "TC" : "TM";
        return string.Create(CultureInfo.InvariantCulture, $"{what} APID {header.Apid}, {packet.Length} octets");
    }
}
