namespace UsocHil.Tests.Reliability.Fuzzing;

/// <summary>
/// Runs a decoder over generated inputs and holds it to the fuzz contract: only the decoder's typed error escapes,
/// memory stays bounded (bytes allocated per input; the live heap is reported, not asserted, since other tests' background work in the shared test process moves it), and the run ends in its time.
/// </summary>
public static class FuzzRun
{
    public static FuzzOutcome Run(
        int iterations,
        Func<int, byte[]> generate,
        Action<byte[]> decode,
        Func<Exception, bool> isTypedError,
        long maxAllocatedPerInput,
        CancellationToken cancellationToken)
    {
        long retainedBefore = GC.GetTotalMemory(forceFullCollection: true);
        long allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        long accepted = 0;
        long rejected = 0;
        for (int i = 0; i < iterations; i++)
        {
            if ((i & 0x3FF) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            byte[] input = generate(i);
            try
            {
                decode(input);
                accepted++;
            }
            catch (Exception e) when (isTypedError(e))
            {
                rejected++;
            }
            catch (Exception e)
            {
                Assert.Fail($"input {i} ({Convert.ToHexString(input.AsSpan(0, Math.Min(input.Length, 64)))}{(input.Length > 64 ? "…" : "")}, {input.Length} octets) threw {e.GetType().Name}: {e.Message}\n{e.StackTrace}");
            }
        }

        long allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        long retained = GC.GetTotalMemory(forceFullCollection: true) - retainedBefore;
        Assert.That(allocated / Math.Max(1, iterations), Is.LessThan(maxAllocatedPerInput), "bytes allocated per input (generator included)");
        return new FuzzOutcome(iterations, accepted, rejected, allocated, retained);
    }
}

public sealed record FuzzOutcome(long Inputs, long Accepted, long Rejected, long AllocatedBytes, long RetainedBytes)
{
    public string Describe(string typedError) =>
        $"{Accepted:N0} decoded, {Rejected:N0} refused with {typedError}; no other exception, no hang; live heap +{Math.Max(0, RetainedBytes) / 1024:N0} KiB";
}
