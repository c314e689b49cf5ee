using UsocHil.Configuration;
using UsocHil.Description;

namespace UsocHil.Tests.Configuration;

/// <summary>A rig.json with bit-sized fields and packet layouts: loaded when sound, refused with the path when not.</summary>
public sealed class PacketChecksTests
{
    private const string HeaterOn = "{ \"id\": 8,  \"name\": \"HEATER_ON\", \"type\": \"uint8\", \"enum\": { \"0\": \"OFF\", \"1\": \"ON\" } },";

    private const string Layouts = """
        "packets": [
          { "name": "CCSDS", "abstract": true, "entries": [ { "parameter": "VERSION" }, { "parameter": "APID" } ] },
          { "name": "FURNACE_RAW", "base": "CCSDS", "restrictions": [ { "parameter": "APID", "value": 100 } ],
            "entries": [ { "parameter": "HEATER_ON", "offset": 2 }, { "parameter": "SLOPE" } ] }
        ],
        "parameters": [
          { "id": 900, "name": "VERSION", "type": "uint3" },
          { "id": 901, "name": "APID", "type": "uint11" },
          { "id": 902, "name": "SLOPE", "type": "int12", "spline": [ [ -2048, -1 ], [ 2047, 1 ] ] },
        """;

    [Test]
    public void Load_BitFieldsAndLayouts_AreReadIntoTheDictionary()
    {
        using var station = TemporaryStation.CopyOfShipped();
        RigDefinition rig = RigLoader.Load(Edited(station, text => WithLayouts(text)));

        Assert.That(rig.Dictionary.Packets.Select(p => p.Name), Is.EqualTo(new[] { "CCSDS", "FURNACE_RAW" }));
        Assert.That(rig.Dictionary.Packets[1].Entries[0].Offset, Is.EqualTo(2));
        Assert.That(rig.Dictionary.Parameters.Single(p => p.Name == "SLOPE").Spline![1], Is.EqualTo(new double[] { 2047, 1 }));
    }

    [TestCase("\"type\": \"uint8\", \"enum\": { \"0\": \"OFF\"", "\"type\": \"bool\", \"enum\": { \"0\": \"OFF\"", "$.dictionary.housekeeping[0].parameters[7]", "a housekeeping structure carries only whole-octet types")]
    [TestCase("\"type\": \"uint8\", \"enum\": { \"0\": \"OFF\"", "\"type\": \"uint65\", \"enum\": { \"0\": \"OFF\"", "$.dictionary.parameters[10].type", "")]
    [TestCase("\"name\": \"SLOPE\", \"type\": \"int12\"", "\"name\": \"SLOPE\", \"type\": \"int12\", \"calibration\": [0, 1]", "$.dictionary.parameters[2].spline", "both a polynomial calibration and a spline")]
    [TestCase("\"base\": \"CCSDS\"", "\"base\": \"CCSDS_PACKET\"", "$.dictionary.packets", "extends unknown layout CCSDS_PACKET")]
    [TestCase("{ \"parameter\": \"APID\", \"value\": 100 }", "{ \"parameter\": \"SLOPE\", \"value\": 100 }", "$.dictionary.packets", "restricted on SLOPE, which is not a field before it")]
    public void Load_UnsoundLayout_NamesThePath(string from, string to, string path, string message)
    {
        using var station = TemporaryStation.CopyOfShipped();
        string rigFile = Edited(station, text => WithLayouts(text).Replace(from, to, StringComparison.Ordinal));

        var error = Assert.Throws<ConfigurationException>(() => RigLoader.Load(rigFile))!;

        Assert.That(error.Problems.Select(p => p.JsonPath), Does.Contain(path));
        Assert.That(error.Problems.Single(p => p.JsonPath == path).Message, Does.Contain(message));
    }

    private static string WithLayouts(string text)
    {
        int at = text.IndexOf("\"parameters\": [", StringComparison.Ordinal);
        return text[..at] + Layouts + text[(at + "\"parameters\": [".Length)..];
    }

    private static string Edited(TemporaryStation station, Func<string, string> edit)
    {
        string rigFile = station.RigFile("furnace-em");
        string text = File.ReadAllText(rigFile);
        Assert.That(text, Does.Contain(HeaterOn));
        File.WriteAllText(rigFile, edit(text));
        return rigFile;
    }
}
