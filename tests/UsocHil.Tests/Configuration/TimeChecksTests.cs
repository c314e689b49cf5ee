using UsocHil.Configuration;
using UsocHil.Description;

namespace UsocHil.Tests.Configuration;

/// <summary>A parameter's <c>time</c> in rig.json: read when sound, refused with its path when not.</summary>
public sealed class TimeChecksTests
{
    private const string Clock = """
        { "name": "clock", "apid": 42, "dictionary": { "parameters": [
          { "id": 1, "name": "OBT", "type": "uint32", "unit": "s", "time": { "epoch": "TAI" } },
          { "id": 2, "name": "EXPOSURE", "type": "uint16", "unit": "s", "calibration": [ 0, 0.01 ], "time": { "relative": true } } ] } }
        """;

    private static string Write(string text)
    {
        string file = Path.Combine(TestDirectories.Create("time-checks"), "rig.json");
        File.WriteAllText(file, text);
        return file;
    }

    [Test]
    public void Load_SoundTimes_AreRead()
    {
        RigDefinition rig = RigLoader.Load(Write(Clock));

        Assert.That(rig.Dictionary.Parameters.Select(p => p.Time), Is.EqualTo(new[] { new TimeDefinition { Epoch = "TAI" }, new TimeDefinition { Relative = true } }));
    }

    [TestCase("\"epoch\": \"TAI\"", "\"epoch\": \"yesterday\"", "$.dictionary.parameters[0].time.epoch", "'yesterday' is not an epoch for 'OBT'")]
    [TestCase("\"unit\": \"s\", \"time\": { \"epoch\"", "\"unit\": \"ms\", \"time\": { \"epoch\"", "$.dictionary.parameters[0].unit", "time parameter 'OBT' counts seconds, not 'ms'")]
    [TestCase("\"type\": \"uint32\"", "\"type\": \"bool\"", "$.dictionary.parameters[0].type", "time parameter 'OBT' cannot be a boolean")]
    [TestCase("\"epoch\": \"TAI\"", "\"epoch\": \"TAI\", \"relative\": true", "$.dictionary.parameters[0].time", "either an absolute time (epoch) or a relative one (relative: true), not both")]
    public void Load_UnsoundTime_NamesThePath(string from, string to, string path, string message)
    {
        int first = Clock.IndexOf(from, StringComparison.Ordinal);
        Assert.That(first, Is.Not.Negative, from);

        var error = Assert.Throws<ConfigurationException>(() => RigLoader.Load(Write(Clock[..first] + to + Clock[(first + from.Length)..])))!;

        Assert.That(error.Problems.Select(p => p.JsonPath), Does.Contain(path), string.Join("\n", error.Problems.Select(p => $"{p.JsonPath}: {p.Message}")));
        Assert.That(error.Problems.First(p => p.JsonPath == path).Message, Does.Contain(message));
    }
}
