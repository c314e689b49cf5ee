using UsocHil.FirmwareSim.Faults;
using UsocHil.Links.InMemory;

namespace UsocHil.Tests.FirmwareSim.Faults;

public sealed class FaultyLinkTests
{
    [Test]
    [CancelAfter(5000)]
    public async Task WriteAsync_DropAndCorruptRates_DamageAboutThatShareOfBytes(CancellationToken cancellationToken)
    {
        (InMemoryLink emulatorEnd, InMemoryLink harnessEnd) = InMemoryLink.CreatePair();
        await using var faulty = new FaultyLink(emulatorEnd, new FaultPlan { DropRate = 0.05, CorruptRate = 0.05 }, seed: 3);
        byte[] sent = new byte[20_000];

        await faulty.WriteAsync(sent, cancellationToken);
        byte[] received = new byte[sent.Length];
        int count = await harnessEnd.ReadAsync(received, cancellationToken);

        Assert.That(count, Is.EqualTo(sent.Length - faulty.BytesDropped));
        Assert.That(faulty.BytesDropped, Is.InRange(800, 1200));
        Assert.That(received.Take(count).Count(b => b != 0), Is.EqualTo(faulty.BytesCorrupted));
        Assert.That(faulty.BytesCorrupted, Is.InRange(750, 1150));
    }

    [Test]
    [CancelAfter(5000)]
    public async Task ReadAsync_SameSeed_SameDamage(CancellationToken cancellationToken)
    {
        byte[] first = await ReceiveThroughAsync(seed: 9, cancellationToken);
        byte[] second = await ReceiveThroughAsync(seed: 9, cancellationToken);
        byte[] other = await ReceiveThroughAsync(seed: 10, cancellationToken);

        Assert.That(second, Is.EqualTo(first));
        Assert.That(other, Is.Not.EqualTo(first));
    }

    private static async Task<byte[]> ReceiveThroughAsync(int seed, CancellationToken cancellationToken)
    {
        (InMemoryLink emulatorEnd, InMemoryLink harnessEnd) = InMemoryLink.CreatePair();
        await using var faulty = new FaultyLink(emulatorEnd, new FaultPlan { CorruptRate = 0.1 }, seed);
        await harnessEnd.WriteAsync(new byte[1000], cancellationToken);
        byte[] buffer = new byte[1000];
        int count = await faulty.ReadAsync(buffer, cancellationToken);
        return buffer[..count];
    }
}
