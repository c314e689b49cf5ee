using System.Text.Json;
using Newtonsoft.Json.Linq;
using UsocHil.Configuration;
using UsocHil.Description;
using UsocHil.Testing;

namespace UsocHil.Tests.Configuration;

/// <summary>The typed read from a file's own text gives what the read from its parsed document gave.</summary>
public sealed class ConfigurationFileReaderTests
{
    private static IEnumerable<string> RigFiles() => Directory.GetDirectories(RepositoryPaths.Rigs).Select(rig => Path.Combine(rig, "rig.json"));

    [Test]
    public void Deserialize_ShippedStationFromItsText_ReadsWhatTheDocumentReads()
    {
        JToken document = ConfigurationFileReader.Parse(RepositoryPaths.StationFile, "rig-config.json", out string text);

        Assert.That(
            Written(ConfigurationFileReader.Deserialize<StationConfig>(document, text, "rig-config.json")),
            Is.EqualTo(Written(ConfigurationFileReader.Deserialize<StationConfig>(document, "rig-config.json"))));
    }

    [TestCaseSource(nameof(RigFiles))]
    public void Deserialize_ShippedRigFromItsText_ReadsWhatTheDocumentReads(string rigFile)
    {
        JToken document = ConfigurationFileReader.Parse(rigFile, "rig.json", out string text);

        Assert.That(
            Written(ConfigurationFileReader.Deserialize<RigDefinition>(document, text, "rig.json")),
            Is.EqualTo(Written(ConfigurationFileReader.Deserialize<RigDefinition>(document, "rig.json"))));
    }

    [TestCase("{ 'rigs': { 'furnace-em': { 'emulated': true, 'seed': 7 } } }")]
    [TestCase("{ rigs: { \"furnace-em\": { emulated: true, seed: 7 } } }")]
    [TestCase("{ \"rigs\": { \"furnace-em\": { \"emulated\": true, \"seed\": 7, } }, }")]
    public void Deserialize_TextOnlyJsonNetAccepts_ReadsItFromTheDocument(string lenient)
    {
        string file = Path.GetTempFileName();
        StationConfig config;
        try
        {
            File.WriteAllText(file, lenient);
            JToken document = ConfigurationFileReader.Parse(file, "rig-config.json", out string text);
            config = ConfigurationFileReader.Deserialize<StationConfig>(document, text, "rig-config.json");
        }
        finally
        {
            File.Delete(file);
        }

        Assert.That(config.Rigs["furnace-em"].Seed, Is.EqualTo(7));
        Assert.That(config.Rigs["furnace-em"].Emulated, Is.True);
    }

    [Test]
    public void Load_ShippedStation_EachRigsBindingIsWhatItsOwnEntryReads()
    {
        LoadedStation station = StationLoader.Load(RepositoryPaths.StationFile);
        var entries = (JObject)JToken.Parse(File.ReadAllText(RepositoryPaths.StationFile))["rigs"]!;

        Assert.That(station.Rigs.Keys, Is.EquivalentTo(entries.Properties().Select(p => p.Name)));
        foreach (JProperty entry in entries.Properties())
        {
            RigBinding alone = JsonSerializer.Deserialize<RigBinding>(entry.Value.ToString(), ConfigurationFileReader.SerializerOptions)!;
            Assert.That(Written(station.Rigs[entry.Name].Binding), Is.EqualTo(Written(alone)), entry.Name);
        }
    }

    private static string Written<T>(T value) => JsonSerializer.Serialize(value, ConfigurationJsonTests.Reflection);
}
