using UsocHil.Dictionary;
using UsocHil.Protocols.Pus;
using UsocHil.Tests.Dictionary;
using UsocHil.Framing.Ccsds;

namespace UsocHil.Tests.Reliability.Fuzzing;

/// <summary>The furnace's housekeeping decoder (fast path and by-name path) fed mutated, resealed TM[3,25] reports.</summary>
public sealed class HousekeepingFuzzTests
{
    [Test]
    [CancelAfter(60_000)]
    public void Decode_MutatedHousekeepingReports_OnlyPacketDecodeExceptionEscapes(CancellationToken cancellationToken)
    {
        var dictionary = new DictionaryCodec(TestRigs.Furnace().Dictionary, 100);
        HousekeepingDecoder decoder = dictionary.GetHousekeepingDecoder(1);
        var random = new Random(11);
        byte[][] corpus = Enumerable.Range(0, 32).Select(_ => Report(decoder, random)).ToArray();
        var mutator = new Mutator(FuzzBudget.Seed(3001));
        var values = new double[decoder.Parameters.Count];
        int iterations = FuzzBudget.Of(200_000);

        FuzzOutcome outcome = FuzzRun.Run(
            iterations,
            i => (i % 10) switch
            {
                0 => mutator.RandomBytes(80),
                9 => corpus[mutator.Random.Next(corpus.Length)],
                _ => PusCodecFuzzTests.Reseal(mutator.Mutate(corpus[mutator.Random.Next(corpus.Length)]), PusCodec.UsocHilDefault.Layout),
            },
            input =>
            {
                if ((input.Length & 7) == 0)
                {
                    dictionary.DecodeHousekeeping(PusCodec.UsocHilDefault.DecodeTelemetry(input));
                }
                else
                {
                    decoder.Decode(input, values);
                }
            },
            e => e is PacketDecodeException,
            maxAllocatedPerInput: 16 * 1024,
            cancellationToken);

        Assert.That(outcome.Accepted, Is.GreaterThan(iterations / 10));
        ReliabilityRecord.Write("fuzz", "Dictionary housekeeping decoder TM[3,25] (fast path and by name): mutated, resealed and random reports",
            iterations, outcome.Describe(nameof(PacketDecodeException)));
    }

    private static byte[] Report(HousekeepingDecoder decoder, Random random)
    {
        // Raw values within each wire type: small integers fit every type of the structure.
        double[] raw = decoder.Parameters.Select(_ => (double)random.Next(0, 120)).ToArray();
        return PusCodec.UsocHilDefault.Encode(new Telemetry
        {
            Apid = 100, Service = 3, Subtype = 25, SequenceCount = (ushort)random.Next(0x3FFF),
            Time = new CucTime((uint)random.Next(), 0), ApplicationData = decoder.EncodeSourceData(raw),
        });
    }
}
