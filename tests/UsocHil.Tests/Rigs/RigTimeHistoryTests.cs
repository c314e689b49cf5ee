using UsocHil.Rigs;

namespace UsocHil.Tests.Rigs;

public sealed class RigTimeHistoryTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 7, 0, 0, 0, TimeSpan.Zero);

    [Test]
    public void Since_InOrderPastCapacity_KeepsTheNewestAndFindsThoseAtOrAfter()
    {
        var history = new RigTimeHistory<DateTimeOffset>(100, static t => t);
        for (int s = 0; s < 250; s++)
        {
            history.Add(T0.AddSeconds(s));
        }

        Assert.Multiple(() =>
        {
            Assert.That(history.Count, Is.EqualTo(100));
            Assert.That(history.Since(T0), Is.EqualTo(Enumerable.Range(150, 100).Select(s => T0.AddSeconds(s))));
            Assert.That(history.Since(T0.AddSeconds(240.5)), Is.EqualTo(Enumerable.Range(241, 9).Select(s => T0.AddSeconds(s))));
            Assert.That(history.Since(T0.AddSeconds(249)), Is.EqualTo(new[] { T0.AddSeconds(249) }));
            Assert.That(history.Since(T0.AddSeconds(250)), Is.Empty);
        });
    }

    [Test]
    public void Since_AfterAnItemOlderThanTheOneBefore_AnswersAsAFilterOverEveryItem()
    {
        var history = new RigTimeHistory<DateTimeOffset>(8, static t => t);
        int[] seconds = [10, 11, 12, 3, 4, 13, 5];
        foreach (int s in seconds)
        {
            history.Add(T0.AddSeconds(s));
        }

        Assert.That(history.Since(T0.AddSeconds(5)), Is.EqualTo(new[] { 10, 11, 12, 13, 5 }.Select(s => T0.AddSeconds(s))));
    }

    [Test]
    public void Since_RandomArrivals_MatchesAFilterOfTheLastCapacityItems()
    {
        var random = new Random(20261207);
        for (int trial = 0; trial < 200; trial++)
        {
            int capacity = random.Next(1, 40);
            var history = new RigTimeHistory<DateTimeOffset>(capacity, static t => t);
            var all = new List<DateTimeOffset>();
            double at = 0;
            bool shuffled = trial % 3 == 0;
            for (int i = random.Next(0, 120); i > 0; i--)
            {
                at += shuffled ? random.Next(-5, 6) : random.Next(0, 3);
                all.Add(T0.AddSeconds(at));
                history.Add(all[^1]);
            }

            DateTimeOffset since = T0.AddSeconds(random.Next(-10, (int)Math.Max(1, at) + 10));
            Assert.That(history.Since(since), Is.EqualTo(all.TakeLast(capacity).Where(t => t >= since)), $"trial {trial}");
        }
    }
}
