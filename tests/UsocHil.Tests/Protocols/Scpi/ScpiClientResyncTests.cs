using System.Text;
using Serilog;
using Serilog.Core;
using Serilog.Events;
using UsocHil.Links;
using UsocHil.Links.InMemory;
using UsocHil.Protocols.Scpi;

namespace UsocHil.Tests.Protocols.Scpi;

/// <summary>One answer per query: a late answer never becomes the next query's, and answers of several units are split.</summary>
public sealed class ScpiClientResyncTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMilliseconds(150);

    [Test]
    [CancelAfter(10_000)]
    public async Task QueryAsync_AnswerArrivesAfterTheTimeout_NextQueryGetsItsOwnAnswerAndTheClearIsLogged(CancellationToken cancellationToken)
    {
        (InMemoryLink harness, InMemoryLink device) = InMemoryLink.CreatePair("late");
        var log = new ListSink();
        var client = new ScpiClient(harness, TimeProvider.System, new LoggerConfiguration().MinimumLevel.Verbose().WriteTo.Sink(log).CreateLogger(), new ScpiClientOptions { Timeout = Timeout });

        await Assert.ThrowsAsync<ScpiTimeoutException>(() => client.QueryAsync("*IDN?", cancellationToken));
        await device.WriteAsync(Encoding.ASCII.GetBytes("USOCHIL,PSU,1,1.0\n"), cancellationToken);
        Task<string> next = client.QueryAsync("MEAS:VOLT?", cancellationToken);
        string sent = await ReadUntilAsync(device, "MEAS:VOLT?\n", cancellationToken);
        await device.WriteAsync(Encoding.ASCII.GetBytes("+2.800000E+01\n"), cancellationToken);

        Assert.That(await next, Is.EqualTo("+2.800000E+01"));
        Assert.That(sent, Is.EqualTo("*IDN?\nMEAS:VOLT?\n"));
        Assert.That(log.Messages, Has.Some.Contains("cleared after \"*IDN?\" went unanswered").And.Some.Contains("18 late bytes discarded"));
    }

    [Test]
    [CancelAfter(10_000)]
    public async Task QueryAsync_LinkWithDeviceClear_ClearsWithItInsteadOfDraining(CancellationToken cancellationToken)
    {
        (InMemoryLink harness, InMemoryLink device) = InMemoryLink.CreatePair("usbtmc");
        var clearable = new ClearableLink(harness);
        var client = new ScpiClient(clearable, TimeProvider.System, Logger.None, new ScpiClientOptions { Timeout = Timeout });

        await Assert.ThrowsAsync<ScpiTimeoutException>(() => client.QueryAsync("MEAS:TEMP?", cancellationToken));
        Task<string> next = client.QueryAsync("*OPC?", cancellationToken);
        await ReadUntilAsync(device, "*OPC?\n", cancellationToken);
        await device.WriteAsync(Encoding.ASCII.GetBytes("1\n"), cancellationToken);

        Assert.That(await next, Is.EqualTo("1"));
        Assert.That(clearable.Clears, Is.EqualTo(1));
    }

    [Test]
    [CancelAfter(10_000)]
    public async Task QueryAsync_QueryCancelled_NextQueryStillStartsInStep(CancellationToken cancellationToken)
    {
        (InMemoryLink harness, InMemoryLink device) = InMemoryLink.CreatePair("cancel");
        var client = new ScpiClient(harness, TimeProvider.System, Logger.None, new ScpiClientOptions { Timeout = TimeSpan.FromSeconds(5) });
        using var step = new CancellationTokenSource();

        Task<string> first = client.QueryAsync("MEAS:TEMP?", step.Token);
        await ReadUntilAsync(device, "MEAS:TEMP?\n", cancellationToken);
        await step.CancelAsync();
        await Assert.CatchAsync<OperationCanceledException>(() => first);
        await device.WriteAsync(Encoding.ASCII.GetBytes("+8.500000E+02\n"), cancellationToken);
        Task<string> next = client.QueryAsync("MEAS:TEMP?", cancellationToken);
        await ReadUntilAsync(device, "MEAS:TEMP?\n", cancellationToken);
        await device.WriteAsync(Encoding.ASCII.GetBytes("+8.612500E+02\n"), cancellationToken);

        Assert.That(await next, Is.EqualTo("+8.612500E+02"));
    }

    [Test]
    [CancelAfter(10_000)]
    public async Task QueryNumbersAsync_CompoundAnswer_OneNumberPerUnit(CancellationToken cancellationToken)
    {
        (InMemoryLink harness, InMemoryLink device) = InMemoryLink.CreatePair("units");
        var client = new ScpiClient(harness, TimeProvider.System, Logger.None, new ScpiClientOptions { Timeout = TimeSpan.FromSeconds(5) });
        await device.WriteAsync(Encoding.ASCII.GetBytes("28.0;3.0\n0,\"No error\"\n28.0;3.0\n0,\"No error\"\n"), cancellationToken);

        IReadOnlyList<ScpiNumber> numbers = await client.QueryNumbersAsync("MEAS:VOLT?;CURR?", cancellationToken);
        var e = await Assert.ThrowsAsync<ScpiException>(() => client.QueryNumberAsync("MEAS:VOLT?;CURR?", cancellationToken));

        Assert.That(numbers, Is.EqualTo(new[] { new ScpiNumber(28.0, null), new ScpiNumber(3.0, null) }));
        Assert.That(e!.Message, Does.Contain("2 numbers"));
    }

    [Test]
    public void ScpiNumberParse_TwoUnits_IsRefusedNotReadAsANumberWithAUnit() =>
        Assert.That(() => ScpiNumber.Parse("28.0;3.0", "test"), Throws.TypeOf<ScpiException>());

    [TestCase("28.0;3.0", new[] { "28.0", "3.0" })]
    [TestCase("\"a;b\";1", new[] { "\"a;b\"", "1" })]
    [TestCase("USOCHIL,PSU,1,1.0", new[] { "USOCHIL,PSU,1,1.0" })]
    public void ScpiResponseUnits_SplitsAtSemicolonsOutsideStrings(string response, string[] units) =>
        Assert.That(ScpiResponse.Units(response), Is.EqualTo(units));

    [Test]
    [CancelAfter(10_000)]
    public async Task ExecuteAsync_EsrErrorBitWithEmptyQueue_ThrowsInstrumentError(CancellationToken cancellationToken)
    {
        (InMemoryLink harness, InMemoryLink device) = InMemoryLink.CreatePair("esr");
        var client = new ScpiClient(harness, TimeProvider.System, Logger.None, new ScpiClientOptions { Timeout = TimeSpan.FromSeconds(5) });
        await device.WriteAsync(Encoding.ASCII.GetBytes("1\n+16\n0,\"No error\"\n"), cancellationToken);

        var e = await Assert.ThrowsAsync<ScpiInstrumentException>(() => client.ExecuteAsync("VOLT 28", cancellationToken));

        Assert.That(e!.Message, Does.Contain("EXE"));
        Assert.That(await ReadUntilAsync(device, "SYST:ERR?\n", cancellationToken), Is.EqualTo("VOLT 28\n*OPC?\n*ESR?\nSYST:ERR?\n"));
    }

    private static async Task<string> ReadUntilAsync(ILink device, string end, CancellationToken cancellationToken)
    {
        var text = new StringBuilder();
        var buffer = new byte[256];
        while (!text.ToString().EndsWith(end, StringComparison.Ordinal))
        {
            int read = await device.ReadAsync(buffer, cancellationToken);
            text.Append(Encoding.ASCII.GetString(buffer, 0, read));
        }

        return text.ToString();
    }

    private sealed class ClearableLink(ILink inner) : IDeviceClearLink
    {
        public int Clears { get; private set; }

        public LinkInfo Info => inner.Info;

        public LinkStatistics Statistics => inner.Statistics;

        public ValueTask DeviceClearAsync(CancellationToken cancellationToken)
        {
            Clears++;
            return ValueTask.CompletedTask;
        }

        public ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken) => inner.ReadAsync(buffer, cancellationToken);

        public ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken) => inner.WriteAsync(buffer, cancellationToken);

        public ValueTask DisposeAsync() => inner.DisposeAsync();
    }

    private sealed class ListSink : Serilog.Core.ILogEventSink
    {
        private readonly List<string> _messages = [];

        public IReadOnlyList<string> Messages
        {
            get
            {
                lock (_messages)
                {
                    return [.. _messages];
                }
            }
        }

        public void Emit(LogEvent logEvent)
        {
            lock (_messages)
            {
                _messages.Add(logEvent.RenderMessage());
            }
        }
    }
}
