using Newtonsoft.Json.Linq;
using UsocHil.Configuration;
using UsocHil.Testing;

namespace UsocHil.Tests.Configuration;

/// <summary>
/// The quick schema check never lets through a document NJsonSchema would refuse: the shipped station and rigs pass it
/// as they are, and of thousands of damaged copies every one it admits has no problem in NJsonSchema's eyes either.
/// </summary>
public sealed class SchemaAdmissionTests
{
    private static readonly JToken[] Replacements =
    [
        JValue.CreateNull(), new JValue(""), new JValue("x"), new JValue("not-a-name with spaces"), new JValue(0), new JValue(-1),
        new JValue(1.5), new JValue(1e30), new JValue(65536), new JValue(true), new JArray(), new JObject(), new JArray(new JValue("x")),
    ];

    private static IEnumerable<TestCaseData> Documents()
    {
        yield return new TestCaseData(RepositoryPaths.StationFile, "station").SetName("station rig-config.json");
        foreach (string rig in Directory.GetDirectories(RepositoryPaths.Rigs).Order(StringComparer.Ordinal))
        {
            yield return new TestCaseData(Path.Combine(rig, "rig.json"), "rig").SetName($"rig {Path.GetFileName(rig)}");
        }
    }

    [TestCaseSource(nameof(Documents))]
    public void ShippedFile_IsAdmitted_AndNoDamagedCopyNJsonSchemaRefusesIs(string file, string kind)
    {
        ConfigurationSchema schema = kind == "station" ? ConfigurationSchemas.Station : ConfigurationSchemas.Rig;
        JToken shipped = JToken.Parse(File.ReadAllText(file));
        Assert.That(schema.Admits(shipped), Is.True, "a valid shipped file takes the quick path");

        int admitted = 0, refused = 0;
        foreach (JToken damaged in DamagedCopies(shipped))
        {
            if (schema.Admits(damaged))
            {
                admitted++;
                Assert.That(schema.Model.Validate(damaged), Is.Empty, $"admitted, but NJsonSchema refuses:\n{damaged}");
            }
            else
            {
                refused++;
            }
        }

        Assert.Multiple(() =>
        {
            Assert.That(admitted, Is.GreaterThan(20), "damaged copies that are still valid");
            Assert.That(refused, Is.GreaterThan(100), "damaged copies the quick check leaves to NJsonSchema");
        });
    }

    [Test]
    public void StationBinding_JudgedAgainstItsDefinition()
    {
        ConfigurationSchema binding = ConfigurationSchemas.Station.Definition("rigBinding");

        Assert.That(binding.Admits(JObject.Parse("""{ "emulated": true, "timeScale": 10 }""")), Is.True);
        Assert.That(binding.Admits(JObject.Parse("""{ "emulated": true, "timeScale": "fast" }""")), Is.False);
        Assert.That(binding.Model.Validate(JObject.Parse("""{ "emulated": true, "timeScale": "fast" }""")), Is.Not.Empty);
    }

    /// <summary>Copies of the document each with one change at one place: a value replaced, a field removed or added.</summary>
    private static IEnumerable<JToken> DamagedCopies(JToken document)
    {
        List<string> paths = [.. document.SelectTokens("$..*").Where(t => t.Parent is not null).Select(t => t.Path)];
        // In a large file every third place keeps the suite quick while still reaching every kind of node.
        int step = paths.Count > 300 ? 3 : 1;
        for (int i = 0; i < paths.Count; i += step)
        {
            string path = paths[i];
            foreach (JToken replacement in Replacements)
            {
                JToken copy = document.DeepClone();
                copy.SelectToken(path)!.Replace(replacement.DeepClone());
                yield return copy;
            }

            JToken removed = document.DeepClone();
            if (removed.SelectToken(path)!.Parent is JProperty property)
            {
                property.Remove();
                yield return removed;
            }

            JToken added = document.DeepClone();
            if (added.SelectToken(path) is JObject obj)
            {
                obj.Add("unexpectedField", 1);
                yield return added;
            }
        }
    }
}
