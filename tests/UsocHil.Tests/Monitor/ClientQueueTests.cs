using UsocHil.Monitor;

namespace UsocHil.Tests.Monitor;

public sealed class ClientQueueTests
{
    [Test]
    public void EnqueueTelemetry_MoreThanThePerParameterBound_KeepsTheLatestAndCountsTheRest()
    {
        var queue = new ClientQueue(capacity: 8, maxParameters: 4, pointsPerParameter: 3);
        for (int i = 0; i < 10; i++)
        {
            queue.EnqueueTelemetry(new TelemetryPointDto("TC1_TEMP", i, i));
        }

        queue.EnqueueTelemetry(new TelemetryPointDto("TC2_TEMP", 0, 42));
        ClientBatch batch = queue.Drain();

        Assert.That(batch.Resync, Is.False);
        Assert.That(batch.Telemetry.Where(p => p.P == "TC1_TEMP").Select(p => p.V), Is.EqualTo(new double?[] { 7, 8, 9 }));
        Assert.That(batch.Telemetry.Single(p => p.P == "TC2_TEMP").V, Is.EqualTo(42));
        Assert.That(queue.Coalesced, Is.EqualTo(7));
        Assert.That(queue.Pending, Is.Zero);
    }

    [Test]
    public void Enqueue_PastCapacity_EmptiesTheQueueAndAsksForAResync()
    {
        var queue = new ClientQueue(capacity: 4, maxParameters: 4, pointsPerParameter: 4);
        for (int i = 0; i < 1000; i++)
        {
            queue.Enqueue(new OutgoingMessage("event", $"{{\"n\":{i}}}"));
            queue.EnqueueTelemetry(new TelemetryPointDto("TC1_TEMP", i, i));
            Assert.That(queue.Pending, Is.LessThanOrEqualTo(queue.Bound));
        }

        ClientBatch batch = queue.Drain();
        Assert.That(batch.Resync, Is.True);
        Assert.That(queue.Dropped, Is.GreaterThan(0));
    }

    [Test]
    public void Reset_AfterAResync_AcceptsMessagesAgain()
    {
        var queue = new ClientQueue(capacity: 1, maxParameters: 1, pointsPerParameter: 1);
        queue.Enqueue(new OutgoingMessage("event", "1"));
        queue.Enqueue(new OutgoingMessage("event", "2"));
        queue.Reset();
        queue.Enqueue(new OutgoingMessage("event", "3"));

        ClientBatch batch = queue.Drain();

        Assert.That(batch.Resync, Is.False);
        Assert.That(batch.Messages.Select(m => m.Data), Is.EqualTo(new[] { "3" }));
    }

    [Test]
    public void EnqueueTelemetry_MoreParametersThanAllowed_ResyncsInsteadOfGrowing()
    {
        var queue = new ClientQueue(capacity: 4, maxParameters: 2, pointsPerParameter: 2);
        queue.EnqueueTelemetry(new TelemetryPointDto("A", 0, 0));
        queue.EnqueueTelemetry(new TelemetryPointDto("B", 0, 0));
        queue.EnqueueTelemetry(new TelemetryPointDto("C", 0, 0));

        Assert.That(queue.Pending, Is.Zero);
        Assert.That(queue.Drain().Resync, Is.True);
    }

    [Test]
    [CancelAfter(5_000)]
    public async Task Signal_ManyTimesBeforeAWait_WakesTheWriterOnceAndNeverBlocks(CancellationToken cancellationToken)
    {
        var queue = new ClientQueue(capacity: 4, maxParameters: 2, pointsPerParameter: 2);
        for (int i = 0; i < 10_000; i++)
        {
            queue.Signal();
        }

        Assert.That(await queue.WaitAsync(cancellationToken), Is.True);
        ValueTask<bool> second = queue.WaitAsync(cancellationToken);
        Assert.That(second.IsCompleted, Is.False);
        queue.Complete();
        Assert.That(await second, Is.False);
    }
}
