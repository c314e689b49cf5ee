using Serilog.Core;
using UsocHil.Links;
using UsocHil.Links.InMemory;
using UsocHil.Protocols.Scpi;

namespace UsocHil.Tests.Protocols.Scpi;

public sealed class ScpiClientTests
{
    private static readonly Dictionary<string, string> Answers = new()
    {
        ["*IDN?"] = "USOCHIL,PSU-28V,SN0042,1.3.0",
        ["*OPC?"] = "1",
        ["*ESR?"] = "+0",
        ["*RST"] = "",
        ["*CLS"] = "",
        ["VOLT 28.0"] = "",
        ["MEAS:VOLT?"] = "2.80E+01",
        ["MEAS:CURR?"] = "3.5 A",
    };

    [Test]
    [CancelAfter(10_000)]
    public async Task IdentifyAsync_IdnAnswer_ParsesFourFields(CancellationToken cancellationToken)
    {
        var (client, _, run) = Start(cancellationToken);

        ScpiIdentity identity = await client.IdentifyAsync(cancellationToken);

        Assert.That(identity, Is.EqualTo(new ScpiIdentity("USOCHIL", "PSU-28V", "SN0042", "1.3.0")));
        Assert.That(identity.Matches("USOCHIL,PSU-28V"), Is.True);
        await run.DisposeAsync();
    }

    [Test]
    [CancelAfter(10_000)]
    public async Task ExecuteAsync_UnknownHeader_ThrowsInstrumentErrorWithItsCodeAndMessage(CancellationToken cancellationToken)
    {
        var (client, instrument, run) = Start(cancellationToken);

        var e = await Assert.ThrowsAsync<ScpiInstrumentException>(() => client.ExecuteAsync(["VOLT 28.0", "VOLTAGE:BOGUS 1"], cancellationToken));

        Assert.That((e!.Code, e.InstrumentMessage), Is.EqualTo((-113, "Undefined header")));
        Assert.That(e.Message, Does.Contain("-113,\"Undefined header\"").And.Contain("VOLTAGE:BOGUS 1"));
        Assert.That(instrument.Received, Is.EqualTo(new[] { "VOLT 28.0", "VOLTAGE:BOGUS 1", "*OPC?", "*ESR?", "SYST:ERR?", "SYST:ERR?" }));
        await run.DisposeAsync();
    }

    [Test]
    [CancelAfter(10_000)]
    public async Task QueryNumberAsync_Nr3AndUnit_ParsesBoth(CancellationToken cancellationToken)
    {
        var (client, _, run) = Start(cancellationToken);

        Assert.That(await client.QueryNumberAsync("MEAS:VOLT?", cancellationToken), Is.EqualTo(new ScpiNumber(28.0, null)));
        Assert.That(await client.QueryNumberAsync("MEAS:CURR?", cancellationToken), Is.EqualTo(new ScpiNumber(3.5, "A")));
        await run.DisposeAsync();
    }

    [Test]
    [CancelAfter(10_000)]
    public async Task ResetAsync_SendsRstClsThenWaitsForOpc(CancellationToken cancellationToken)
    {
        var (client, instrument, run) = Start(cancellationToken);

        await client.ResetAsync(cancellationToken);

        Assert.That(instrument.Received, Is.EqualTo(new[] { "*RST", "*CLS", "*OPC?" }));
        await run.DisposeAsync();
    }

    [Test]
    [CancelAfter(10_000)]
    public async Task QueryAsync_NoAnswer_ThrowsScpiTimeoutNamingTheQuery(CancellationToken cancellationToken)
    {
        var (client, _, run) = Start(cancellationToken, mute: "MEAS:TEMP?");

        var e = await Assert.ThrowsAsync<ScpiTimeoutException>(() => client.QueryAsync("MEAS:TEMP?", cancellationToken));

        Assert.That(e!.Message, Does.Contain("MEAS:TEMP?"));
        Assert.That(await client.QueryAsync("*OPC?", cancellationToken), Is.EqualTo("1"));
        await run.DisposeAsync();
    }

    [TestCase("2.80E+01", 28.0, null)]
    [TestCase("+28.0 V", 28.0, "V")]
    [TestCase("-1.5e-3 A", -0.0015, "A")]
    [TestCase("42", 42.0, null)]
    [TestCase("9.9E37", double.PositiveInfinity, null)]
    [TestCase("9.91E37", double.NaN, null)]
    [TestCase(" 850.25 degC\r", 850.25, "degC")]
    public void ScpiNumberParse_Response_GivesValueAndUnit(string response, double value, string? unit) =>
        Assert.That(ScpiNumber.Parse(response, "test"), Is.EqualTo(new ScpiNumber(value, unit)));

    [TestCase("")]
    [TestCase("V")]
    [TestCase("abc")]
    public void ScpiNumberParse_NotANumber_ThrowsScpiException(string response) =>
        Assert.That(() => ScpiNumber.Parse(response, "test"), Throws.TypeOf<ScpiException>());

    private static (ScpiClient Client, ScriptedInstrument Instrument, IAsyncDisposable Run) Start(CancellationToken cancellationToken, params string[] mute)
    {
        var (harness, device) = InMemoryLink.CreatePair("scpi");
        var instrument = new ScriptedInstrument(device, Answers, mute);
        Task running = instrument.RunAsync(cancellationToken);
        var client = new ScpiClient(harness, TimeProvider.System, Logger.None, new ScpiClientOptions { Timeout = TimeSpan.FromMilliseconds(200) });
        return (client, instrument, new Stopper(harness, device, running));
    }

    private sealed class Stopper(ILink harness, ILink device, Task running) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await harness.DisposeAsync();
            await device.DisposeAsync();
            await running;
        }
    }
}
