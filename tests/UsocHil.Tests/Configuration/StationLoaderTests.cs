using UsocHil.Configuration;

namespace UsocHil.Tests.Configuration;

public sealed class StationLoaderTests
{
    [Test]
    public void Load_ShippedStation_BindsFurnaceToItsEmulator()
    {
        LoadedStation station = StationLoader.Load(RepositoryPaths.StationFile);

        LoadedRig furnace = station.Rig("furnace-em");
        Assert.That(furnace.Binding.Emulated, Is.True);
        Assert.That(furnace.Definition.Apid, Is.EqualTo(100));
        Assert.That(furnace.Definition.Dictionary.Housekeeping[0].Parameters, Does.Contain("TC1_RAW"));
        Assert.That(station.Sha256, Has.Length.EqualTo(64));
    }

    [Test]
    public void Sha256_FileEditedAfterLoading_IsTheHashOfTheFileAsLoaded()
    {
        using var copy = TemporaryStation.CopyOfShipped();
        string expected = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(copy.StationFile)));
        LoadedStation station = StationLoader.Load(copy.StationFile);

        File.AppendAllText(copy.StationFile, "\n");

        Assert.That(station.Sha256, Is.EqualTo(expected));
    }

    [Test]
    public void Load_WrongTypeMissingFieldUnknownRig_ReportsAllThreeWithLines()
    {
        using var station = TemporaryStation.CopyOfShipped();
        File.WriteAllText(station.StationFile, """
            {
              "rigs": {
                "furnace-em": {
                  "timeScale": "fast",
                  "links": { "payload": { "tcp": { "host": "127.0.0.1" } } }
                },
                "oven-qm": { "emulated": true }
              }
            }
            """);

        var error = Assert.Throws<ConfigurationException>(() => StationLoader.Load(station.StationFile))!;

        Assert.That(error.Problems.Select(p => (p.JsonPath, p.Line)), Is.EquivalentTo(new[]
        {
            ("$.rigs.furnace-em.timeScale", 4),
            ("$.rigs.furnace-em.links.payload.tcp.port", 5),
            ("$.rigs.oven-qm", 7),
        }));
        Assert.That(error.Problems.Select(p => p.Message), Has.Some.Contains("wrong type"));
        Assert.That(error.Problems.Select(p => p.Message), Has.Some.Contains("missing required field"));
        Assert.That(error.Problems.Select(p => p.Message), Has.Some.Contains("unknown rig 'oven-qm'"));
    }

    [Test]
    public void Load_UnknownField_NamesIt()
    {
        using var station = TemporaryStation.CopyOfShipped();
        File.WriteAllText(station.StationFile, """{ "rigs": {}, "resluts": "x.db" }""");

        var error = Assert.Throws<ConfigurationException>(() => StationLoader.Load(station.StationFile))!;

        Assert.That(error.Problems.Single().ToString(), Does.Contain("$.resluts: unknown field"));
    }

    [TestCase("postgres://usoc:hunter2@127.0.0.1/centre", "a password does not belong in the station file")]
    [TestCase("mysql://usoc@127.0.0.1/centre", "pattern mismatch")]
    public void Load_CentralWithPasswordOrNotPostgres_RefusedWithoutShowingIt(string central, string message)
    {
        using var station = TemporaryStation.CopyOfShipped();
        File.WriteAllText(station.StationFile, "{ \"rigs\": {},\n  \"central\": \"" + central + "\" }");

        var error = Assert.Throws<ConfigurationException>(() => StationLoader.Load(station.StationFile))!;

        Assert.That(error.Problems.Single().ToString(), Does.Contain("$.central").And.Contain(message).And.Not.Contain("hunter2"));
        Assert.That(error.Problems.Single().Line, Is.EqualTo(2));
    }

    [Test]
    public void Load_BrokenJson_OneProblemWithLine()
    {
        using var station = TemporaryStation.CopyOfShipped();
        File.WriteAllText(station.StationFile, "{\n  \"rigs\": {\n    \"furnace-em\": { \"emulated\": tru }\n  }\n}");

        var error = Assert.Throws<ConfigurationException>(() => StationLoader.Load(station.StationFile))!;

        Assert.That(error.Problems.Single().Line, Is.EqualTo(3));
        Assert.That(error.Problems.Single().Message, Does.StartWith("invalid JSON"));
    }

    [Test]
    public void Load_OversizedFile_RefusedBeforeParsing()
    {
        using var station = TemporaryStation.CopyOfShipped();
        using (var stream = File.Create(station.StationFile))
        {
            stream.SetLength(ConfigurationFileReader.MaxFileBytes + 1);
        }

        var error = Assert.Throws<ConfigurationException>(() => StationLoader.Load(station.StationFile))!;

        Assert.That(error.Problems.Single().Message, Does.Contain("more than"));
    }

    [Test]
    public void Load_LimitOnUnknownParameter_NamesRigFilePathAndLine()
    {
        using var station = TemporaryStation.CopyOfShipped();
        string rigFile = station.RigFile("furnace-em");
        File.WriteAllText(rigFile, File.ReadAllText(rigFile).Replace("\"parameter\": \"TC2_TEMP\"", "\"parameter\": \"TC9_TEMP\"", StringComparison.Ordinal));

        var error = Assert.Throws<ConfigurationException>(() => StationLoader.Load(station.StationFile))!;

        ConfigurationProblem problem = error.Problems.Single();
        Assert.That(problem.File, Does.EndWith("rig.json"));
        Assert.That(problem.JsonPath, Is.EqualTo("$.limits[1].parameter"));
        Assert.That(problem.Line, Is.GreaterThan(1));
        Assert.That(problem.Message, Does.Contain("TC9_TEMP"));
    }

    [Test]
    public void Load_ProfileWithAgencyEpochAndExtendedCuc_Loads()
    {
        using var station = TemporaryStation.CopyOfShipped();
        string rigFile = station.RigFile("furnace-em");
        File.WriteAllText(rigFile, File.ReadAllText(rigFile).Replace("\"time\": \"cuc-4-2\",", "\"time\": \"cuc-6-5\", \"timeEpoch\": \"2000-01-01T12:00:00Z\",", StringComparison.Ordinal));

        var rig = StationLoader.Load(station.StationFile).Rigs["furnace-em"].Definition;

        Assert.That((rig.Profile.Time, rig.Profile.TimeEpoch), Is.EqualTo(("cuc-6-5", "2000-01-01T12:00:00Z")));
    }

    [TestCase("\"timeEpoch\": \"2000-02-30\",", "timeEpoch", Description = "the schema's pattern passes it; there is no 30 February")]
    [TestCase("\"timeEpoch\": \"J2000\",", "timeEpoch")]
    [TestCase("\"time\": \"cuc-8-0\",", "time")]
    public void Load_ProfileTimeOutsideTheStandard_NamesRigFileAndField(string replacement, string field)
    {
        using var station = TemporaryStation.CopyOfShipped();
        string rigFile = station.RigFile("furnace-em");
        File.WriteAllText(rigFile, File.ReadAllText(rigFile).Replace("\"time\": \"cuc-4-2\",", "\"time\": \"cuc-4-2\", " + replacement, StringComparison.Ordinal).Replace("\"time\": \"cuc-4-2\", \"time\"", "\"time\"", StringComparison.Ordinal));

        var error = Assert.Throws<ConfigurationException>(() => StationLoader.Load(station.StationFile))!;

        ConfigurationProblem problem = error.Problems[0];
        Assert.That(problem.File, Does.EndWith("rig.json"));
        Assert.That(problem.JsonPath + " " + problem.Message, Does.Contain(field));
    }

    [Test]
    public void Load_RealBindingMissingLinks_SaysWhatToBind()
    {
        using var station = TemporaryStation.CopyOfShipped();
        File.WriteAllText(station.StationFile, """{ "rigs": { "furnace-em": { "emulated": false } } }""");

        var error = Assert.Throws<ConfigurationException>(() => StationLoader.Load(station.StationFile))!;

        Assert.That(error.Problems.Select(p => p.Message), Has.Some.Contains("link 'payload' is not bound"));
        Assert.That(error.Problems.Select(p => p.Message), Has.Some.Contains("instrument 'dmm' is not bound"));
        Assert.That(error.Problems.Select(p => p.Message), Has.Some.Contains("GPIO lines are not bound"));
    }

    [TestCase("../rig-config")]
    [TestCase("..")]
    [TestCase("sub/dir")]
    [TestCase("no-such-sequence")]
    public void SequenceFile_NotAShippedPlainName_IsAConfigurationError(string name)
    {
        LoadedRig furnace = StationLoader.Load(RepositoryPaths.StationFile).Rig("furnace-em");

        Assert.That(() => furnace.SequenceFile(name), Throws.InstanceOf<ConfigurationException>());
    }
}
