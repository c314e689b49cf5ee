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
