using System.Text;
using Serilog.Core;
using UsocHil.Links.InMemory;
using UsocHil.Protocols.Scpi;

namespace UsocHil.Tests.Reliability.Fuzzing;

/// <summary>SCPI response parsing: numbers with units, *IDN? answers, SYST:ERR? entries, and whole answer lines through the client.</summary>
public sealed class ScpiFuzzTests
{
    private static readonly string[] Numbers =
    [
        "2.80E+01", "28.0 V", "+1.234567E+00 A", "-0.5", "9.9E37", "9.91E37", "-9.9E+37", "0", "1e-3 VDC", "850.125 DEGC", "  12 \r",
        "1.5E", "3.2 E+01", "NaN", "+INF", "1,5",
    ];

    private static readonly string[] Identities =
    [
        "USOC-SIM,PSU-28,SN0001,1.2.0", "Keysight Technologies,34465A,MY12345678,A.03.01-02.40", "a,b,c", "x,y,z,w,v", ",,,",
    ];

    private static readonly string[] Errors = ["0,\"No error\"", "-113,\"Undefined header\"", "-222,\"Data out of range;CURR 99\"", "+0,\"\"", "-350,Queue overflow"];

    private const string Alphabet = "0123456789+-.eE ,\"VADEGCinfNa\r\t;:*?#\0\u00ff";

    [Test]
    [CancelAfter(60_000)]
    public void ScpiNumberParse_MutatedAnswers_OnlyScpiExceptionEscapes(CancellationToken cancellationToken)
    {
        var mutator = new Mutator(FuzzBudget.Seed(4001));
        int iterations = FuzzBudget.Of(150_000);
        FuzzOutcome outcome = FuzzRun.Run(iterations, _ => Text(mutator, Numbers), input => ScpiNumber.Parse(Encoding.Latin1.GetString(input), "fuzz:5025"),
            e => e is ScpiException, maxAllocatedPerInput: 4096, cancellationToken);

        Assert.That(outcome.Accepted, Is.GreaterThan(iterations / 20));
        ReliabilityRecord.Write("fuzz", "SCPI numeric answers with units (NR1/NR2/NR3, 9.9E37 overflow)", iterations, outcome.Describe(nameof(ScpiException)));
    }

    [Test]
    [CancelAfter(60_000)]
    public void ScpiIdentityAndErrorParse_MutatedAnswers_NeverThrowAnythingElse(CancellationToken cancellationToken)
    {
        var mutator = new Mutator(FuzzBudget.Seed(4002));
        int iterations = FuzzBudget.Of(60_000);
        FuzzOutcome identities = FuzzRun.Run(iterations, _ => Text(mutator, Identities), input => ScpiIdentity.Parse(Encoding.Latin1.GetString(input), "fuzz:5025").Matches("USOC-SIM,PSU-28"),
            e => e is ScpiException, maxAllocatedPerInput: 4096, cancellationToken);
        FuzzOutcome errors = FuzzRun.Run(iterations, _ => Text(mutator, Errors), input => ScpiClient.ParseError(Encoding.Latin1.GetString(input)),
            _ => false, maxAllocatedPerInput: 4096, cancellationToken);

        Assert.That(identities.Accepted, Is.GreaterThan(iterations / 20));
        ReliabilityRecord.Write("fuzz", "SCPI *IDN? answers", iterations, identities.Describe(nameof(ScpiException)));
        ReliabilityRecord.Write("fuzz", "SCPI SYST:ERR? entries", iterations, $"{errors.Accepted:N0} parsed (a code, or none for a malformed entry); no exception at all");
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task ScpiClientQuery_HostileAnswerLines_GivesLineOrScpiException(CancellationToken cancellationToken)
    {
        (InMemoryLink harness, InMemoryLink instrument) = InMemoryLink.CreatePair("fuzz-scpi");
        var options = new ScpiClientOptions();
        var client = new ScpiClient(harness, TimeProvider.System, Logger.None, options);
        var mutator = new Mutator(FuzzBudget.Seed(4003));
        int iterations = FuzzBudget.Of(3_000);
        long lines = 0, refused = 0;
        long allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        for (int i = 0; i < iterations; i++)
        {
            byte[] answer = i % 50 == 0
                ? Encoding.ASCII.GetBytes(new string('9', options.MaxResponseLength + 1 + mutator.Random.Next(5000)))
                : Text(mutator, Numbers);
            await instrument.WriteAsync(answer.Append((byte)'\n').ToArray(), cancellationToken);
            try
            {
                string line = await client.QueryAsync("MEAS:VOLT?", cancellationToken);
                Assert.That(line.Length, Is.LessThanOrEqualTo(options.MaxResponseLength));
                lines++;
            }
            catch (ScpiException)
            {
                refused++;
            }

            // Drain what the client sent, so nothing piles up in the pipe.
            while (instrument.Statistics.BytesIn < harness.Statistics.BytesOut)
            {
                await instrument.ReadAsync(new byte[4096], cancellationToken);
            }
        }

        long allocatedPerAnswer = (GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore) / iterations;
        Assert.That(refused, Is.GreaterThan(0), "over-long answers are refused");
        Assert.That(allocatedPerAnswer, Is.LessThan(64 * (options.MaxResponseLength + 6000)), "an answer, however long, costs a bounded allocation");
        ReliabilityRecord.Write("fuzz", "SCPI client: hostile answer lines (binary, over-long, control characters)", iterations,
            $"{lines:N0} answers returned within the length limit, {refused:N0} refused with ScpiException; no other exception, no hang");
        await harness.DisposeAsync();
        await instrument.DisposeAsync();
    }

    private static byte[] Text(Mutator mutator, string[] seeds)
    {
        Random random = mutator.Random;
        switch (random.Next(6))
        {
            case 0:
                return mutator.RandomBytes(40);
            case 1:
                return Encoding.Latin1.GetBytes(new string(Enumerable.Range(0, random.Next(30)).Select(_ => Alphabet[random.Next(Alphabet.Length)]).ToArray()));
            default:
                byte[] seed = Encoding.ASCII.GetBytes(seeds[random.Next(seeds.Length)]);
                return random.Next(4) == 0 ? seed : mutator.Mutate(seed);
        }
    }
}
