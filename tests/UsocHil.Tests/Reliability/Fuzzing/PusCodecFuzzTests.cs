using System.Buffers.Binary;
using UsocHil.Protocols.Pus;
using UsocHil.Description;
using UsocHil.Framing;
using UsocHil.Framing.Ccsds;

namespace UsocHil.Tests.Reliability.Fuzzing;

/// <summary>The PUS-C telecommand and telemetry decoders under five mission profiles, fed mutated and random packets.</summary>
public sealed class PusCodecFuzzTests
{
    public static IEnumerable<TestCaseData> Profiles()
    {
        yield return new TestCaseData("usochil", MissionProfile.UsocHilDefault);
        yield return new TestCaseData("no-source-id-no-pec", new MissionProfile { TcSourceId = false, ErrorControl = "none" });
        yield return new TestCaseData("iso-checksum", new MissionProfile { ErrorControl = "iso" });
        yield return new TestCaseData("bare-tm-no-time", new MissionProfile { TmMessageTypeCounter = false, TmDestinationId = false, Time = "none" });
        yield return new TestCaseData("cuc-2-1-implicit-small", new MissionProfile { Time = "cuc-2-1", TimeExplicitPField = false, MaxPacketLength = 256 });
    }

    [TestCaseSource(nameof(Profiles))]
    [CancelAfter(60_000)]
    public void Decode_MutatedPackets_OnlyPacketDecodeExceptionEscapes(string name, MissionProfile profile, CancellationToken cancellationToken)
    {
        var codec = new PusCodec(profile);
        byte[][] corpus = Corpus(codec);
        var mutator = new Mutator(FuzzBudget.Seed(1000 + name.Length));
        int iterations = FuzzBudget.Of(60_000);

        FuzzOutcome outcome = FuzzRun.Run(
            iterations,
            i => Generate(i, corpus, mutator, codec),
            input => Decode(codec, input, mutator.Random.Next(4)),
            e => e is PacketDecodeException,
            maxAllocatedPerInput: 16 * 1024,
            cancellationToken);

        Assert.That(outcome.Accepted, Is.GreaterThan(iterations / 20), "the generator reaches past the header checks");
        Assert.That(outcome.Rejected, Is.GreaterThan(iterations / 20));
        ReliabilityRecord.Write("fuzz", $"PUS-C TC/TM decoder, profile {name}: mutated, resealed and random packets", iterations, outcome.Describe(nameof(PacketDecodeException)));
    }

    private static void Decode(PusCodec codec, byte[] input, int how)
    {
        PusPacket packet = how switch
        {
            0 => codec.Decode(input),
            1 => codec.Decode(input, requireValidPec: false),
            2 => codec.DecodeTelecommand(input, requireValidPec: false),
            _ => codec.DecodeTelemetry(input, requireValidPec: false),
        };
        if (packet.ApplicationData.Length > input.Length)
        {
            Assert.Fail($"decoded {packet.ApplicationData.Length} octets of data from a {input.Length}-octet packet");
        }
    }

    private static byte[] Generate(int i, byte[][] corpus, Mutator mutator, PusCodec codec)
    {
        Random random = mutator.Random;
        byte[] valid = corpus[random.Next(corpus.Length)];
        switch (i % 10)
        {
            case 0:
                return mutator.RandomBytes(64);
            case 9:
                return valid;
            default:
                byte[] mutated = mutator.Mutate(valid);
                return random.Next(2) == 0 ? Reseal(mutated, codec.Layout) : mutated;
        }
    }

    /// <summary>Makes the length field and error control agree with the mutated bytes, so decoding goes past them.</summary>
    internal static byte[] Reseal(byte[] packet, PusLayout layout)
    {
        if (packet.Length < 8)
        {
            return packet;
        }

        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(4), (ushort)Math.Min(packet.Length - 7, ushort.MaxValue));
        ushort pec = layout.ErrorControl switch
        {
            PacketErrorControl.Crc => Crc16CcittFalse.Compute(packet.AsSpan(0, packet.Length - 2)),
            PacketErrorControl.Iso => IsoChecksum.Compute(packet.AsSpan(0, packet.Length - 2)),
            _ => BinaryPrimitives.ReadUInt16BigEndian(packet.AsSpan(packet.Length - 2)),
        };
        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(packet.Length - 2), pec);
        return packet;
    }

    internal static byte[][] Corpus(PusCodec codec)
    {
        var packets = new List<byte[]>();
        var random = new Random(7);
        for (int i = 0; i < 24; i++)
        {
            byte[] data = new byte[random.Next(0, 40)];
            random.NextBytes(data);
            packets.Add(codec.Encode(new Telecommand
            {
                Apid = (ushort)random.Next(0x7FF), Service = (byte)random.Next(1, 30), Subtype = (byte)random.Next(1, 30),
                SequenceCount = (ushort)random.Next(0x3FFF), SourceId = (ushort)random.Next(ushort.MaxValue), ApplicationData = data,
            }));
            packets.Add(codec.Encode(new Telemetry
            {
                Apid = (ushort)random.Next(0x7FF), Service = (byte)random.Next(1, 30), Subtype = (byte)random.Next(1, 30),
                SequenceCount = (ushort)random.Next(0x3FFF), MessageTypeCounter = (ushort)random.Next(ushort.MaxValue),
                DestinationId = (ushort)random.Next(ushort.MaxValue), ApplicationData = data,
                Time = codec.Layout.HasTime ? new CucTime((uint)random.Next(0, ushort.MaxValue), (uint)random.Next(0, 255), codec.Layout.CoarseOctets, codec.Layout.FineOctets) : default,
            }));
        }

        return [.. packets];
    }
}
