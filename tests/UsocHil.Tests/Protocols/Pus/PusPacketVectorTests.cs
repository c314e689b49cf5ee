using System.Text.Json;
using UsocHil.Framing.Ccsds;
using UsocHil.Protocols.Pus;
using UsocHil.Description;

namespace UsocHil.Tests.Protocols.Pus;

/// <summary>Whole packets from other projects' test suites, each under its own profile.</summary>
public sealed class PusPacketVectorTests
{
    public static IEnumerable<TestCaseData> Packets()
    {
        using JsonDocument doc = OutsideVectors.Load("pus-packets.json");
        int index = 0;
        foreach (JsonElement p in doc.RootElement.GetProperty("packets").EnumerateArray())
        {
            JsonElement profile = p.GetProperty("profile");
            var mission = new MissionProfile
            {
                TcSourceId = profile.GetProperty("tc_source_id").GetBoolean(),
                ErrorControl = profile.GetProperty("pec").GetBoolean() ? "crc" : "none",
            };
            Assert.That(profile.GetProperty("pus").GetString(), Is.EqualTo("C"));
            var fields = p.GetProperty("fields").EnumerateObject().ToDictionary(f => f.Name, f => f.Value.Clone());
            yield return new TestCaseData(p.GetProperty("hex").GetString()!, mission, fields).SetArgDisplayNames($"{index++}:{p.GetProperty("source").GetString()}");
        }
    }

    [TestCaseSource(nameof(Packets))]
    public void DecodeTelecommand_OutsideVector_HasDocumentedFields(string hex, MissionProfile profile, Dictionary<string, JsonElement> fields)
    {
        byte[] bytes = Convert.FromHexString(hex);
        var codec = new PusCodec(profile);
        Telecommand tc = codec.DecodeTelecommand(bytes);
        SpacePacketHeader header = SpacePacketHeader.Read(bytes);

        foreach ((string name, JsonElement value) in fields)
        {
            object actual = name switch
            {
                "version" => header.Version,
                "type" => header.Type == PacketType.Telecommand ? "TC" : "TM",
                "sec_hdr" => header.SecondaryHeader,
                "apid" => tc.Apid,
                "seq_flags" => tc.SequenceFlags.ToString().ToLowerInvariant(),
                "seq_count" => tc.SequenceCount,
                "data_length" => header.DataLength,
                "pus_version" => bytes[6] >> 4,
                "ack_flags" => (int)tc.AckFlags,
                "service" => tc.Service,
                "subtype" => tc.Subtype,
                "source_id" => tc.SourceId,
                "app_data" => Convert.ToHexString(tc.ApplicationData.Span),
                "pec" => Convert.ToHexString(bytes.AsSpan(bytes.Length - 2)),
                _ => throw new AssertionException($"field {name} not handled"),
            };
            object expected = value.ValueKind switch
            {
                JsonValueKind.Number => value.GetInt32(),
                JsonValueKind.True or JsonValueKind.False => value.GetBoolean(),
                _ => value.GetString()!,
            };
            Assert.That(actual is string ? actual : actual is bool ? actual : Convert.ToInt32(actual), Is.EqualTo(expected), name);
        }

        Assert.That(codec.CheckPec(bytes), Is.EqualTo(fields.ContainsKey("pec") ? true : null));
    }

    [TestCaseSource(nameof(Packets))]
    public void EncodeTelecommand_DocumentedFields_GiveTheSameBytes(string hex, MissionProfile profile, Dictionary<string, JsonElement> fields)
    {
        var tc = new Telecommand
        {
            Apid = (ushort)fields["apid"].GetInt32(),
            SequenceFlags = SequenceFlags.Unsegmented,
            SequenceCount = (ushort)fields["seq_count"].GetInt32(),
            // One vector leaves ack_flags out; its octet 6 says 0x21, acceptance only.
            AckFlags = fields.TryGetValue("ack_flags", out JsonElement ack) ? (AckFlags)ack.GetInt32() : AckFlags.Acceptance,
            Service = (byte)fields["service"].GetInt32(),
            Subtype = (byte)fields["subtype"].GetInt32(),
            SourceId = fields.TryGetValue("source_id", out JsonElement source) ? (ushort)source.GetInt32() : (ushort)0,
            ApplicationData = Convert.FromHexString(fields["app_data"].GetString()!),
        };

        byte[] encoded = new PusCodec(profile).Encode(tc);

        Assert.That(Convert.ToHexString(encoded), Is.EqualTo(hex));
    }
}
