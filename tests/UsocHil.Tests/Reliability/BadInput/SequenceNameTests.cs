using UsocHil.Configuration;

namespace UsocHil.Tests.Reliability.BadInput;

/// <summary>
/// Sequence names as an operator types them on `usoc-hil run &lt;rig&gt; &lt;sequence&gt;`: every way out of the rig's
/// folder, and unknown names, are configuration errors naming the folder, never a file read elsewhere.
/// </summary>
public sealed class SequenceNameTests
{
    private static LoadedRig Rig => StationLoader.Load(RepositoryPaths.StationFile).Rigs["furnace-em"];

    [TestCase("../../../rig-config")]
    [TestCase("..")]
    [TestCase("/etc/passwd")]
    [TestCase("calibrate-thermocouples/../calibrate-thermocouples")]
    [TestCase("calibrate-thermocouples.json")]
    [TestCase("")]
    [TestCase("nul\0byte")]
    public void SequenceFile_PathLikeName_IsAConfigurationErrorNamingTheFolder(string name)
    {
        var e = Assert.Throws<ConfigurationException>(() => Rig.SequenceFile(name));

        Assert.That(e!.Problems, Has.Count.EqualTo(1));
        Assert.That(e.Problems[0].ToString(), Does.Contain("sequences").And.Contain("not a sequence name"));
        ReliabilityRecord.Write("bad input", $"sequence name `{name.Replace("\0", "\\0", StringComparison.Ordinal)}`", 1, "configuration error (exit 2): not a sequence name; nothing read");
    }

    [Test]
    public void SequenceFile_UnknownName_ListsTheShippedSequences()
    {
        var e = Assert.Throws<ConfigurationException>(() => Rig.SequenceFile("calibrate-everything"));

        Assert.That(e!.Problems[0].ToString(), Does.Contain("unknown sequence 'calibrate-everything'").And.Contain("calibrate-thermocouples"));
        ReliabilityRecord.Write("bad input", "unknown sequence name", 1, "configuration error (exit 2) listing the rig's sequences");
    }

    [Test]
    public void Rig_UnknownName_ListsTheStationsRigs()
    {
        LoadedStation station = StationLoader.Load(RepositoryPaths.StationFile);

        var e = Assert.Throws<ConfigurationException>(() => station.Rig("oven-qm"));

        Assert.That(e!.Problems[0].ToString(), Does.Contain("unknown rig 'oven-qm'").And.Contain("furnace-em"));
        ReliabilityRecord.Write("bad input", "unknown rig name", 1, "configuration error (exit 2) listing the station's rigs");
    }
}
