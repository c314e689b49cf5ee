using Microsoft.Extensions.Time.Testing;
using UsocHil.Monitor;

namespace UsocHil.Tests.Monitor;

public sealed class RefusalRateTests
{
    [Test]
    public void TryTake_BeyondTheBurst_FalseUntilTimeRefillsIt()
    {
        var time = new FakeTimeProvider();
        var rate = new RefusalRate(time, burst: 5);

        bool[] burst = Enumerable.Range(0, 6).Select(_ => rate.TryTake()).ToArray();
        time.Advance(RefusalRate.Window / 5);
        bool afterOneFifth = rate.TryTake();
        bool thenEmpty = rate.TryTake();

        Assert.That(burst, Is.EqualTo(new[] { true, true, true, true, true, false }));
        Assert.That((afterOneFifth, thenEmpty), Is.EqualTo((true, false)));
    }
}
