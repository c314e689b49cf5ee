using Microsoft.Extensions.Time.Testing;
using UsocHil.Monitor;

namespace UsocHil.Tests.Monitor;

public sealed class RefusalLogTests
{
    [Test]
    public void Refuse_AFlood_LogsTheFirstThenACountAtMostEveryIntervalAndTotalsAtTheEnd()
    {
        var log = new TestLog();
        var time = new FakeTimeProvider();
        var refusals = new RefusalLog(log.Logger, time);

        for (int i = 0; i < 1000; i++)
        {
            refusals.Refuse(RefusalKind.Host, "127.0.0.1:1", "Host 'attacker.example' is not this monitor's address");
        }

        Assert.That(log.Events, Has.Count.EqualTo(1), "the first refusal only");
        time.Advance(RefusalLog.SummaryInterval);
        refusals.Refuse(RefusalKind.Host, "127.0.0.1:1", "again");
        refusals.Refuse(RefusalKind.Token, "127.0.0.1:2", "wrong abort token");
        refusals.LogTotals();

        string[] lines = log.Events.Select(e => e.RenderMessage(System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        Assert.That(lines, Has.Length.EqualTo(5));
        Assert.That(lines[1], Does.Contain("1001 requests so far"));
        Assert.That(lines[2], Does.Contain("wrong abort token"));
        Assert.That(lines[3..], Has.Some.Contains("1001 requests in all").And.Some.Contains("1 requests in all"));
        Assert.That(refusals.Count(RefusalKind.Host), Is.EqualTo(1001));
    }
}
