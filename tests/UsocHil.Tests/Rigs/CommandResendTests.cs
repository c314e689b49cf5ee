using Serilog.Core;
using UsocHil.Dictionary;
using UsocHil.Protocols.Pus;
using UsocHil.Protocols.Pus.Services;
using UsocHil.Rigs;
using UsocHil.Description;

namespace UsocHil.Tests.Rigs;

public sealed class CommandResendTests
{
    private static readonly CommandResend s_resend = new(new DictionaryCodec(new RigDictionary
    {
        Commands =
        [
            new CommandDefinition { Name = "HEATER_OFF", Service = 8, Subtype = 1, FunctionId = 2, Idempotent = true },
            new CommandDefinition { Name = "PULSE", Service = 8, Subtype = 1, FunctionId = 9 },
        ],
    }, apid: 0x123), TimeProvider.System, Logger.None);

    [Test]
    public async Task SendAsync_IdempotentCommandWhoseReportsAreLost_SentAgainUntilVerified()
    {
        int sends = 0;

        string result = await s_resend.SendAsync("HEATER_OFF", _ => ++sends < 3 ? throw Silence("HEATER_OFF") : Task.FromResult("verified"), CancellationToken.None);

        Assert.That(result, Is.EqualTo("verified"));
        Assert.That(sends, Is.EqualTo(3));
    }

    [Test]
    public async Task SendAsync_IdempotentCommandNeverVerified_FailsAfterThreeSendsWithTheTimeout()
    {
        int sends = 0;

        await Assert.ThrowsAsync<CommandTimeoutException>(() => s_resend.SendAsync<string>("HEATER_OFF", _ => { sends++; throw Silence("HEATER_OFF"); }, CancellationToken.None));

        Assert.That(sends, Is.EqualTo(CommandResend.Attempts));
    }

    [Test]
    public async Task SendAsync_CommandNotMarkedIdempotent_SentOnce()
    {
        int sends = 0;

        await Assert.ThrowsAsync<CommandTimeoutException>(() => s_resend.SendAsync<string>("PULSE", _ => { sends++; throw Silence("PULSE"); }, CancellationToken.None));

        Assert.That(sends, Is.EqualTo(1), "the payload may have executed it: only the operator may decide to send it again");
    }

    [Test]
    public async Task SendAsync_PayloadReportsFailure_NotSentAgain()
    {
        int sends = 0;

        await Assert.ThrowsAsync<CommandFailedException>(() => s_resend.SendAsync<string>("HEATER_OFF", _ =>
        {
            sends++;
            throw new CommandFailedException(1, VerificationStage.Acceptance, 3, "NOT_READY", ReadOnlyMemory<byte>.Empty, "HEATER_OFF");
        }, CancellationToken.None));

        Assert.That(sends, Is.EqualTo(1));
    }

    private static CommandTimeoutException Silence(string command) => new(1, VerificationStage.Acceptance, TimeSpan.FromSeconds(1), command);
}
