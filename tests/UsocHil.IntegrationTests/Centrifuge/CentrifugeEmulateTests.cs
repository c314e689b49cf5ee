namespace UsocHil.IntegrationTests.Centrifuge;

/// <summary><c>usoc-hil emulate</c> on a rig emulated from its model: its endpoints, or one line naming what is wrong.</summary>
public sealed class CentrifugeEmulateTests
{
    [Test]
    [CancelAfter(30_000)]
    public async Task Emulate_ModelRig_PrintsEveryEndpointAndATcpPayloadBinding(CancellationToken cancellationToken)
    {
        using var station = CentrifugeStation.Create(1);

        CliProcessResult result = await UsocHilProcess.RunAsync(station.Directory, ["emulate", CentrifugeStation.Rig], cancellationToken,
            async (process, stdout, ct) =>
            {
                await stdout.WaitForAsync("\"counter\"", ct); // the binding's last instrument: the payload link is printed before it
                await UsocHilProcess.SignalAsync(process.Id, "INT", ct);
            });

        Assert.That(result.Stdout, Does.Contain("(emulator model)").And.Contain("payload (PUS)").And.Contain("counter (SCPI)")
            .And.Contain("supply (SCPI)").And.Contain("MOTOR_EN=17").And.Contain("\"payload\": {\n        \"tcp\""), result.Describe());
    }

    [TestCase("\"input\": \"ACCEL\", \"min\": 0", "\"input\": \"ACCELL\", \"min\": 0", "blocks[8].input", "unknown signal 'ACCELL'")]
    [TestCase("\"stepSeconds\": 0.01", "\"stepSeconds\": \"fast\"", "$.stepSeconds", "")]
    [TestCase("\"event\": \"IMBALANCE_TRIP\"", "\"event\": \"WOBBLE\"", "events[0].event", "'WOBBLE' is not an event")]
    [CancelAfter(30_000)]
    public async Task Emulate_BrokenModel_OneLineNamingTheFileAndFieldExit2(string from, string to, string field, string reason, CancellationToken cancellationToken)
    {
        using var station = CentrifugeStation.Create(1);
        string model = Path.Combine(station.Directory, "rigs", CentrifugeStation.Rig, "model.json");
        File.WriteAllText(model, File.ReadAllText(model).Replace(from, to, StringComparison.Ordinal));

        CliProcessResult result = await UsocHilProcess.RunAsync(station.Directory, ["emulate", CentrifugeStation.Rig], cancellationToken);

        Assert.That(result.ExitCode, Is.EqualTo(2), result.Describe());
        string[] lines = result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.That(lines, Has.Length.EqualTo(1), result.Describe());
        Assert.That(lines[0], Does.Contain("model.json").And.Contain(field).And.Contain(reason).And.Not.Contain("   at "));
    }
}
