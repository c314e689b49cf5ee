using Newtonsoft.Json.Linq;
using UsocHil.Configuration;
using UsocHil.Sequencing.Steps;
using UsocHil.Testing.Fakes;

namespace UsocHil.Tests.Sequencing.Steps;

/// <summary>
/// The over-temperature trip found by raising a thermocouple's offset: a protection that trips when the reading
/// reaches its threshold, read by a furnace at 300 degC plus the offset. Coarse to fine, the search must bracket the
/// threshold by the finest increment, re-arming the protection before each finer pass.
/// </summary>
public sealed class ThresholdSearchTests
{
    /// <summary>A protection on one reading: reading = base + setting; it latches at or above the threshold until re-armed.</summary>
    private sealed class Protection(double baseReading, double threshold) : IThresholdProbe
    {
        public bool Latched { get; private set; }
        public List<double> Settings { get; } = [];
        public List<double> Resets { get; } = [];

        public Task<ThresholdTrial> TryAsync(double setting, CancellationToken cancellationToken)
        {
            Settings.Add(setting);
            double reading = baseReading + setting;
            Latched |= reading >= threshold;
            return Task.FromResult(new ThresholdTrial(setting, reading, Latched));
        }

        public Task ResetAsync(double setting, CancellationToken cancellationToken)
        {
            Assert.That(baseReading + setting, Is.LessThan(threshold), "re-armed only from a setting that does not trip");
            Resets.Add(setting);
            Latched = false;
            return Task.CompletedTask;
        }
    }

    [TestCase(1050.0)]
    [TestCase(1049.5)]
    [TestCase(1000.0)]
    [TestCase(303.0)]
    public async Task CoarseToFine_TripAboveTheStart_BracketedByTheFinestIncrement(double threshold)
    {
        var protection = new Protection(300, threshold);

        ThresholdSearchResult result = await ThresholdSearch.RunAsync(2.5, [100, 10, 1], 1200, protection, CancellationToken.None);

        Assert.That(result.Tripped, Is.Not.Null);
        Assert.That(result.Clear, Is.Not.Null);
        Assert.That(result.Threshold, Is.GreaterThanOrEqualTo(threshold).And.LessThan(threshold + 1), "the reading that tripped it, within one finest increment");
        Assert.That(result.Clear!.Value.Reading, Is.LessThan(threshold).And.GreaterThanOrEqualTo(threshold - 1));
        Assert.That(result.Resolution, Is.EqualTo(1).Within(1e-9));
        Assert.That(protection.Resets, Has.Count.EqualTo(result.Resets).And.Count.LessThanOrEqualTo(2));
        Assert.That(result.Trials, Is.EqualTo(protection.Settings.Count));
        Assert.That(result.Trials, Is.LessThanOrEqualTo(1 + 12 + 10 + 10), "far fewer settings than a 1 K walk from 302.5 to the trip");
        Assert.That(protection.Settings[0], Is.EqualTo(2.5), "the first setting is the value as found: no trip there");
    }

    [Test]
    public async Task CoarseToFine_OverTemperatureAt1050_RecordsTheReadingAndItsBracket()
    {
        var protection = new Protection(302.5, 1050);

        ThresholdSearchResult result = await ThresholdSearch.RunAsync(0, [100, 10, 1], 1200, protection, CancellationToken.None);

        // 100 K: 0..700 clear, 800 trips; re-armed at 700; 10 K: 740 clear, 750 trips; re-armed at 740; 1 K: 747 clear, 748 trips.
        Assert.That(protection.Resets, Is.EqualTo(new[] { 700.0, 740.0 }));
        Assert.That(result.Tripped!.Value.Setting, Is.EqualTo(748));
        Assert.That(result.Threshold, Is.EqualTo(1050.5));
        Assert.That(result.Clear!.Value.Reading, Is.EqualTo(1049.5));
        Assert.That(result.Describe("TC1_TEMP", "TC1_C0"), Is.EqualTo("tripped at TC1_TEMP = 1050.5 (TC1_C0 = 748), not at 1049.5 (TC1_C0 = 747); 22 settings, 2 re-arms"));
    }

    [Test]
    public async Task NoTripWithinTheLargestRaise_NoThresholdAndTheLastClearReading()
    {
        var protection = new Protection(300, 2000);

        ThresholdSearchResult result = await ThresholdSearch.RunAsync(0, [100, 10], 1000, protection, CancellationToken.None);

        Assert.That(result.Tripped, Is.Null);
        Assert.That(result.Threshold, Is.NaN);
        Assert.That(protection.Settings.Max(), Is.EqualTo(1000), "never raised past maxRaise");
        Assert.That(result.Describe("TC1_TEMP", "TC1_C0"), Is.EqualTo("no trip up to TC1_TEMP = 1300 (TC1_C0 = 1000); 11 settings"));
    }

    [Test]
    public async Task TrippedAsFound_NoRaiseAndNoBracket()
    {
        var protection = new Protection(1100, 1050);

        ThresholdSearchResult result = await ThresholdSearch.RunAsync(0, [100, 10, 1], 1200, protection, CancellationToken.None);

        Assert.That(protection.Settings, Is.EqualTo(new[] { 0.0 }));
        Assert.That(result.Clear, Is.Null);
        Assert.That(result.Resolution, Is.NaN);
        Assert.That(result.Describe("TC1_TEMP", "TC1_C0"), Does.StartWith("tripped before any raise"));
    }

    [Test]
    public void Increments_NotPositive_Refused() =>
        Assert.That(() => ThresholdSearch.RunAsync(0, [10, 0], 100, new Protection(0, 50), CancellationToken.None), Throws.ArgumentException);

    private static IReadOnlyList<ConfigurationProblem> Problems(string json)
    {
        var context = new SequenceBuildContext("certify.json", TestRigs.Furnace());
        StepFactory.Read(JObject.Parse(json), "$.steps[0]", context);
        return context.Problems;
    }

    [Test]
    public void Read_TheCertifyStep_NoProblem() =>
        Assert.That(Problems("""
            { "kind": "threshold", "name": "TC1 over-temperature trip", "raise": "TC1_C0", "increments": [ 100, 10, 1 ], "maxRaise": 1200,
              "reading": "TC1_TEMP", "trips": { "parameter": "FAULT_FLAGS", "bitsSet": 1 }, "reset": "CLEAR_FAULT", "min": 1045, "max": 1055, "requirement": "FUR-SAF-005" }
            """), Is.Empty);

    [TestCase("\"raise\": \"TC1_TEMP\"", "raise", "read-only")]
    [TestCase("\"increments\": [ 10, 100 ]", "increments[1]", "coarse to fine")]
    [TestCase("\"increments\": [ 10, -1 ]", "increments[1]", "positive")]
    [TestCase("\"reset\": \"RESET_ALL\"", "reset", "unknown command 'RESET_ALL'")]
    [TestCase("\"requirement\": \"saf 5\"", "requirement", "not a requirement identifier")]
    public void Read_AMistake_OneProblemNamingTheField(string replacement, string field, string message)
    {
        string key = replacement[..(replacement.IndexOf(':', StringComparison.Ordinal) + 1)];
        string json = """
            { "kind": "threshold", "name": "TC1 over-temperature trip", "raise": "TC1_C0", "increments": [ 100, 10, 1 ], "maxRaise": 1200,
              "reading": "TC1_TEMP", "trips": { "parameter": "FAULT_FLAGS", "bitsSet": 1 }, "reset": "CLEAR_FAULT", "requirement": "FUR-SAF-005", "dwellSeconds": 3 }
            """;
        int at = json.IndexOf(key, StringComparison.Ordinal);
        int end = json.IndexOf(key == "\"increments\":" ? "]," : ",", at, StringComparison.Ordinal) + (key == "\"increments\":" ? 1 : 0);
        json = json[..at] + replacement + json[end..];

        IReadOnlyList<ConfigurationProblem> problems = Problems(json);

        Assert.That(problems, Has.Count.EqualTo(1), string.Join("\n", problems));
        Assert.That(problems[0].ToString(), Does.Contain(field).And.Contain(message));
    }

    [Test]
    public void Read_SeveralIncrementsWithoutReset_ResetRequired() =>
        Assert.That(Problems("""
            { "kind": "threshold", "name": "TC1 over-temperature trip", "raise": "TC1_C0", "increments": [ 100, 10 ], "maxRaise": 1200,
              "reading": "TC1_TEMP", "trips": { "parameter": "FAULT_FLAGS", "bitsSet": 1 } }
            """).Select(p => p.ToString()), Has.Some.Contains("reset"));
}
