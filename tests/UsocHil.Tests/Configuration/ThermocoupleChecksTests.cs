using UsocHil.Configuration;
using UsocHil.Description;
using UsocHil.MissionDatabase;

namespace UsocHil.Tests.Configuration;

/// <summary>A parameter's <c>thermocouple</c> in rig.json: read when sound, refused with its path when not, kept by an import onto the bench rig.</summary>
public sealed class ThermocoupleChecksTests
{
    private const string Tc1 = "\"description\": \"Thermocouple 1, uncalibrated\",\n        \"thermocouple\": { \"type\": \"K\" }";

    [Test]
    public void Load_ShippedFurnace_ItsRawThermocouplesAreTypeK()
    {
        using var station = TemporaryStation.CopyOfShipped();
        RigDefinition rig = RigLoader.Load(station.RigFile("furnace-em"));

        Assert.That(rig.Dictionary.Parameters.Where(p => p.Thermocouple is not null).Select(p => (p.Name, p.Thermocouple!.Type)),
            Is.EqualTo(new[] { ("TC1_RAW", "K"), ("TC2_RAW", "K"), ("TC3_RAW", "K") }));
    }

    [TestCase("\"type\": \"K\" }", "\"type\": \"Q\" }", "$.dictionary.parameters[0].thermocouple.type", "unknown thermocouple type 'Q' for 'TC1_RAW'; known: K")]
    [TestCase("\"unit\": \"degC\", \"calibration\": [ 0, 0.001 ], \"description\": \"Thermocouple 1", "\"unit\": \"mV\", \"calibration\": [ 0, 0.001 ], \"description\": \"Thermocouple 1",
        "$.dictionary.parameters[0].unit", "thermocouple parameter 'TC1_RAW' must be an indicated temperature in degC, not 'mV'")]
    public void Load_UnsoundThermocouple_NamesThePath(string from, string to, string path, string message)
    {
        using var station = TemporaryStation.CopyOfShipped();
        string rigFile = station.RigFile("furnace-em");
        string text = File.ReadAllText(rigFile);
        Assert.That(text, Does.Contain(Tc1).And.Contain(from));
        int first = text.IndexOf(from, StringComparison.Ordinal);
        File.WriteAllText(rigFile, text[..first] + to + text[(first + from.Length)..]);

        var error = Assert.Throws<ConfigurationException>(() => RigLoader.Load(rigFile))!;

        Assert.That(error.Problems.Single(p => p.JsonPath == path).Message, Does.Contain(message));
    }

    [Test]
    public void Onto_BenchWithThermocouples_TheImportedParametersOfTheSameNameKeepTheirType()
    {
        using var station = TemporaryStation.CopyOfShipped();
        string bench = File.ReadAllText(station.RigFile("furnace-em"));
        RigDefinition loaded = RigLoader.Load(station.RigFile("furnace-em"));
        RigDefinition imported = loaded with { Dictionary = loaded.Dictionary with { Parameters = [.. loaded.Dictionary.Parameters.Select(p => p with { Thermocouple = null })] } };

        string written = RigJson.Onto(bench, imported);
        File.WriteAllText(station.RigFile("furnace-em"), written);
        RigDefinition back = RigLoader.Load(station.RigFile("furnace-em"));

        Assert.That(back.Dictionary.Parameters.Count(p => p.Thermocouple?.Type == "K"), Is.EqualTo(3));
        Assert.That(back.Dictionary.Parameters.Single(p => p.Name == "TC2_RAW").Thermocouple!.Type, Is.EqualTo("K"));
    }
}
