using UsocHil.Cli;

namespace UsocHil.Tests.Cli;

/// <summary>
/// <c>config validate</c> on delta and conditional limits: each mistake one line naming rig.json, its line and the
/// field, exit 2; schema mistakes (a number that is none, a negative rate) first, cross-references after.
/// </summary>
public sealed class ConfigValidateLimitTests
{
    private const string FurnaceLimits = """
          { "parameter": "TC1_TEMP", "yellow": [ 0, 1000 ], "red": [ -20, 1040 ], "persistence": 3 },
        """;

    private static async Task<CliResult> ValidateWithLimitsAsync(TemporaryStation station, string limits)
    {
        string rigFile = station.RigFile("furnace-em");
        string text = File.ReadAllText(rigFile);
        Assert.That(text, Does.Contain(FurnaceLimits.Trim()), "the furnace's first limit, replaced by the case's");
        File.WriteAllText(rigFile, text.Replace(FurnaceLimits.Trim(), limits, StringComparison.Ordinal));
        return await CliRunner.RunAsync("--station", station.StationFile, "config", "validate");
    }

    private static int LineOf(string file, string text) =>
        File.ReadAllLines(file).Select((content, index) => (content, index)).First(l => l.content.Contains(text, StringComparison.Ordinal)).index + 1;

    [Test]
    public async Task ConfigValidate_ValidDeltaAndConditionalLimits_ExitsZero()
    {
        using var station = TemporaryStation.CopyOfShipped();

        CliResult result = await ValidateWithLimitsAsync(station, """
            { "parameter": "TC1_TEMP", "yellow": [ 0, 1000 ], "red": [ -20, 1040 ], "persistence": 3, "delta": { "yellow": 2, "red": 5, "per": "second" } },
            { "parameter": "TC1_TEMP", "delta": { "yellow": 1, "red": 3, "per": "sample" }, "when": { "parameter": "MODE", "equals": 2 } },
            """);

        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.Passed), result.Error);
    }

    [Test]
    public async Task ConfigValidate_UnknownConditionParameter_HalfABandAndInvertedDelta_OneLineEach()
    {
        using var station = TemporaryStation.CopyOfShipped();

        CliResult result = await ValidateWithLimitsAsync(station, """
            { "parameter": "TC1_TEMP", "delta": { "yellow": 5, "red": 2 }, "when": { "parameter": "OVEN_MODE", "equals": 1 } },
            { "parameter": "TC1_TEMP", "yellow": [ 0, 1000 ], "when": { "parameter": "MODE", "equals": 1 } },
            { "parameter": "TC1_TEMP", "delta": { "yellow": 1, "red": 2 }, "when": { "parameter": "MODE", "equals": 1 } },
            """);

        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.UsageOrConfiguration));
        Assert.That(result.ErrorLines, Has.Count.EqualTo(4), result.Error);
        Assert.That(result.ErrorLines, Has.All.Contains("rig.json:"));
        Assert.That(result.Error, Does.Contain("$.limits[0].delta.red: red delta 2 is smaller than yellow delta 5"));
        Assert.That(result.Error, Does.Contain("$.limits[0].when.parameter: unknown parameter 'OVEN_MODE'"));
        Assert.That(result.Error, Does.Contain("$.limits[1]: give yellow and red together, or neither"));
        Assert.That(result.Error, Does.Contain("$.limits[2]: a second limit on 'TC1_TEMP' while MODE = 1"));
        Assert.That(result.Error, Does.Not.Contain("   at "), "no stack trace");
    }

    [Test]
    public async Task ConfigValidate_DeltaThatIsNoPositiveNumber_AndAConditionWithoutItsValue_OneLineEach()
    {
        using var station = TemporaryStation.CopyOfShipped();
        int line = LineOf(station.RigFile("furnace-em"), FurnaceLimits.Trim());

        CliResult result = await ValidateWithLimitsAsync(station, """
            { "parameter": "TC1_TEMP", "delta": { "yellow": "fast", "red": -5, "per": "minute" }, "when": { "parameter": "MODE" } },
            """);

        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.UsageOrConfiguration));
        Assert.That(result.ErrorLines, Has.Count.EqualTo(4), result.Error);
        Assert.That(result.ErrorLines, Has.All.Contains($"rig.json:{line}: "));
        Assert.That(result.Error, Does.Contain("$.limits[0].delta.yellow: wrong type: number expected"));
        Assert.That(result.Error, Does.Contain("$.limits[0].delta.red: number too small"));
        Assert.That(result.Error, Does.Contain("$.limits[0].delta.per: value is not one of the allowed values"));
        Assert.That(result.Error, Does.Contain("$.limits[0].when.equals: missing required field"));
        Assert.That(result.Error, Does.Not.Contain("   at "), "no stack trace");
    }
}
