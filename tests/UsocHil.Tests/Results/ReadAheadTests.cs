using UsocHil.Results;

namespace UsocHil.Tests.Results;

public sealed class ReadAheadTests
{
    [TestCase(0)]
    [TestCase(1)]
    [TestCase(1024)]
    [TestCase(1025)]
    [TestCase(20_000)]
    public void Enumerate_AnyLength_GivesTheSourceInOrder(int count) =>
        Assert.That(new ReadAhead<int>(Enumerable.Range(0, count)), Is.EqualTo(Enumerable.Range(0, count)));

    [Test]
    public void Enumerate_SourceFailsPartWay_TheRowsBeforeThenTheSameException()
    {
        var seen = new List<int>();
        var thrown = Assert.Throws<InvalidDataException>(() =>
        {
            foreach (int row in new ReadAhead<int>(Failing(3000)))
            {
                seen.Add(row);
            }
        });

        Assert.That(thrown!.Message, Is.EqualTo("row 3000 is corrupt"));
        Assert.That(seen, Is.EqualTo(Enumerable.Range(0, 3000)));
    }

    [Test]
    public void Enumerate_CallerStopsEarly_TheSourceIsClosedBeforeTheCallerGoesOn()
    {
        var source = new ClosingSource(100_000);
        foreach (int row in new ReadAhead<int>(source))
        {
            if (row == 10)
            {
                break;
            }
        }

        // The caller may use the connection again now: the reading thread has finished with it.
        Assert.That(source.Closed, Is.True);
    }

    [TestCase(0)]
    [TestCase(2048)]
    [TestCase(20_001)]
    public async Task ReadBatches_AnyLength_GivesTheSourceInOrderInWholeBatches(int count)
    {
        await using var reader = new ReadAhead<int>(Enumerable.Range(0, count), batchSize: 2048, batchesAhead: 4).Start();
        var rows = new List<int>();
        var sizes = new List<int>();
        await foreach (ArraySegment<int> batch in reader.ReadBatchesAsync(CancellationToken.None))
        {
            rows.AddRange(batch);
            sizes.Add(batch.Count);
        }

        Assert.That(rows, Is.EqualTo(Enumerable.Range(0, count)));
        Assert.That(sizes.Take(Math.Max(sizes.Count - 1, 0)), Is.All.EqualTo(2048), "only the last batch is short");
    }

    [Test]
    public async Task ReadBatches_SourceFailsPartWay_TheRowsBeforeThenTheSameException()
    {
        await using var reader = new ReadAhead<int>(Failing(5000), batchSize: 2048, batchesAhead: 4).Start();
        var seen = new List<int>();
        var thrown = await Assert.ThrowsAsync<InvalidDataException>(async () =>
        {
            await foreach (ArraySegment<int> batch in reader.ReadBatchesAsync(CancellationToken.None))
            {
                seen.AddRange(batch);
            }
        });

        Assert.That(thrown!.Message, Is.EqualTo("row 5000 is corrupt"));
        Assert.That(seen, Is.EqualTo(Enumerable.Range(0, 5000)));
    }

    [Test]
    public async Task Dispose_CallerNeverReads_TheSourceIsClosedBeforeDisposeReturns()
    {
        // The reader fills every batch it may and waits: disposing must stop it there, not leave it holding the source.
        var source = new ClosingSource(1_000_000);
        var reader = new ReadAhead<int>(source, batchSize: 1024, batchesAhead: 2).Start();
        await Task.Delay(50);
        await reader.DisposeAsync();
        Assert.That(source.Closed, Is.True);
    }

    private static IEnumerable<int> Failing(int at)
    {
        for (int i = 0; ; i++)
        {
            if (i == at)
            {
                throw new InvalidDataException($"row {i} is corrupt");
            }

            yield return i;
        }
    }

    private sealed class ClosingSource(int count) : IEnumerable<int>
    {
        public volatile bool Closed;

        public IEnumerator<int> GetEnumerator()
        {
            try
            {
                for (int i = 0; i < count; i++)
                {
                    yield return i;
                }
            }
            finally
            {
                Thread.Sleep(20); // a reader's statement being finalised
                Closed = true;
            }
        }

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
