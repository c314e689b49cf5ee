using UsocHil.Monitor;

namespace UsocHil.Tests.Monitor;

public sealed class ClientQueueTests
{
    [Test]
    public void Drain_FramesWithinCapacity_GivesThemInOrderAndEmptiesTheQueue()
    {
        var queue = new ClientQueue(capacity: 10);
        byte[] first = [1, 2, 3], second = [4, 5];
        queue.Enqueue(first);
        queue.Enqueue(second);

        Assert.That(queue.Pending, Is.EqualTo(5));
        ClientBatch batch = queue.Drain();
        Assert.That(batch.Resync, Is.False);
        Assert.That(batch.Frames, Is.EqualTo(new[] { first, second }));
        Assert.That(queue.Pending, Is.Zero);
        Assert.That(queue.Dropped, Is.Zero);
    }

    [Test]
    public void Enqueue_PastCapacity_EmptiesTheQueueAndAsksForAResync()
    {
        var queue = new ClientQueue(capacity: 10);
        for (int i = 0; i < 5; i++)
        {
            queue.Enqueue(new byte[4]);
        }

        Assert.That(queue.Pending, Is.LessThanOrEqualTo(queue.Capacity));
        ClientBatch batch = queue.Drain();
        Assert.That(batch.Resync, Is.True);
        Assert.That(batch.Frames, Is.Empty);
        Assert.That(queue.Dropped, Is.EqualTo(5), "two queued frames, the one that overflowed and the two after it");
        Assert.That(queue.Resyncs, Is.EqualTo(1));
    }

    [Test]
    public void Enqueue_OneFrameLargerThanCapacity_ResyncsInsteadOfHoldingIt()
    {
        var queue = new ClientQueue(capacity: 10);
        queue.Enqueue(new byte[11]);

        Assert.That(queue.Pending, Is.Zero);
        Assert.That(queue.Drain().Resync, Is.True);
    }

    [Test]
    public void Reset_AfterAResync_AcceptsFramesAgain()
    {
        var queue = new ClientQueue(capacity: 1);
        queue.Enqueue([1]);
        queue.Enqueue([2]);
        queue.Reset();
        queue.Enqueue([3]);

        ClientBatch batch = queue.Drain();
        Assert.That(batch.Resync, Is.False);
        Assert.That(batch.Frames.Single(), Is.EqualTo(new byte[] { 3 }));
    }

    [Test]
    [CancelAfter(5_000)]
    public async Task Enqueue_ManyFramesBeforeAWait_WakesTheWriterOnceAndNeverBlocks(CancellationToken cancellationToken)
    {
        var queue = new ClientQueue(capacity: 1 << 20);
        for (int i = 0; i < 10_000; i++)
        {
            queue.Enqueue([0]);
        }

        Assert.That(await queue.WaitAsync(cancellationToken), Is.True);
        Assert.That(queue.Drain().Frames, Has.Count.EqualTo(10_000));
        ValueTask<bool> second = queue.WaitAsync(cancellationToken);
        Assert.That(second.IsCompleted, Is.False);
        queue.Complete();
        Assert.That(await second, Is.False);
    }
}
