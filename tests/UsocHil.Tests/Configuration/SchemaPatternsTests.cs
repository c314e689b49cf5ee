using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using UsocHil.Configuration;
using UsocHil.Testing;

namespace UsocHil.Tests.Configuration;

public sealed class SchemaPatternsTests
{
    private static readonly string[] Samples =
    [
        "", "furnace-em", "-x", "TC_1", "tc_1", "A", "_a", "cuc-4-2", "cuc-8-0", "none", "tai", "2026-12-07",
        "2026-12-07T10:00:00.1234567Z", "2026-12-07T10:00:00+01:00", "2026-1-07", "uint16", "int65", "float32", "bool",
        "string12", "bytes100000", "cds11", "postgres://hil@central/results", "postgresql://", "line\n", "TC_1\n",
    ];

    private static IEnumerable<string> StationAndRigPatterns() =>
        new[] { "rig.schema.json", "rig-config.schema.json" }
            .SelectMany(name => Patterns(JsonNode.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.Schemas, name)))))
            .Distinct(StringComparer.Ordinal);

    [TestCaseSource(nameof(StationAndRigPatterns))]
    public void Compiled_EachPatternOfTheStationAndRigSchemas_IsCompiledAtBuildTime(string pattern)
    {
        Assert.That(SchemaPatterns.Compiled(pattern)?.ToString(), Is.EqualTo(pattern));
    }

    [TestCaseSource(nameof(StationAndRigPatterns))]
    public void IsMatch_EachPattern_AnswersAsTheRuntimeRegex(string pattern)
    {
        foreach (string sample in Samples)
        {
            Assert.That(SchemaPatterns.IsMatch(sample, pattern), Is.EqualTo(Regex.IsMatch(sample, pattern)), $"'{sample}'");
        }
    }

    [Test]
    public void IsMatch_PatternNotListed_ConstructedAtRunTime()
    {
        Assert.That(SchemaPatterns.Compiled("^x+$"), Is.Null);
        Assert.That(SchemaPatterns.IsMatch("xxx", "^x+$"), Is.True);
        Assert.That(SchemaPatterns.IsMatch("xy", "^x+$"), Is.False);
    }

    private static IEnumerable<string> Patterns(JsonNode? node) => node switch
    {
        JsonObject obj => obj.SelectMany(p => p.Key == "pattern" && p.Value is JsonValue v && v.TryGetValue(out string? pattern) ? [pattern] : Patterns(p.Value)),
        JsonArray array => array.SelectMany(Patterns),
        _ => [],
    };
}
