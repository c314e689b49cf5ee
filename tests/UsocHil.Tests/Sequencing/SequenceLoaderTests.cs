using UsocHil.Configuration;
using UsocHil.Sequencing;
using UsocHil.Description;
using UsocHil.Testing.Fakes;

namespace UsocHil.Tests.Sequencing;

public sealed class SequenceLoaderTests
{
    private string _directory = null!;
    private RigDefinition _rig = null!;

    [SetUp]
    public void SetUp()
    {
        _directory = Directory.CreateTempSubdirectory("usochil-seq-").FullName;
        _rig = TestRigs.Furnace();
    }

    [TearDown]
    public void TearDown() => Directory.Delete(_directory, recursive: true);

    private string Write(string name, string json)
    {
        string file = Path.Combine(_directory, name + ".json");
        File.WriteAllText(file, json);
        return file;
    }

    [TestCase("calibrate-thermocouples")]
    [TestCase("certify")]
    [TestCase("tune-heater-pid")]
    public void Load_ShippedSequence_HasNoProblems(string name)
    {
        string file = Path.Combine(TestRigs.FurnaceDirectory, "sequences", name + ".json");

        IReadOnlyList<ConfigurationProblem> problems = SequenceLoader.Check(file, _rig);

        Assert.That(problems, Is.Empty, string.Join("\n", problems));
    }

    [Test]
    public void Check_SeveralProblems_ReportsEachWithPathAndLine()
    {
        string file = Write("bad", """
            {
              "sequence": "bad",
              "version": "1",
              "steps": [
                { "kind": "heat", "to": 300 },
                { "kind": "set", "parameters": { "SETPOINT": 5000 } },
                { "kind": "command", "command": "SELF_DESTRUCT" },
                { "kind": "set", "parameters": { "TC1_RAW": 1 } },
                { "kind": "wait", "parameter": "NOPE", "above": 3, "timeoutSeconds": 10 },
                { "kind": "set", "parameters": { "SETPOINT": "$nowhere" }, "colour": "red" }
              ]
            }
            """);

        IReadOnlyList<ConfigurationProblem> problems = SequenceLoader.Check(file, _rig);

        Assert.That(problems.Select(p => (p.JsonPath, p.Line)), Is.EqualTo(new[]
        {
            ("$.steps[0].kind", 5),
            ("$.steps[1].parameters.SETPOINT", 6),
            ("$.steps[2].command", 7),
            ("$.steps[3].parameters.TC1_RAW", 8),
            ("$.steps[4].parameter", 9),
            ("$.steps[5].parameters.SETPOINT", 10),
            ("$.steps[5].colour", 10),
        }));
        Assert.That(problems[0].Message, Does.Contain("unknown step kind 'heat'"));
        Assert.That(problems[1].Message, Does.Contain("out of SETPOINT's range [20, 1000]"));
        Assert.That(problems[2].Message, Does.Contain("unknown command 'SELF_DESTRUCT'"));
        Assert.That(problems[3].Message, Does.Contain("read-only"));
        Assert.That(problems[4].Message, Does.Contain("unknown parameter 'NOPE'"));
        Assert.That(problems[5].Message, Does.Contain("unknown variable $nowhere"));
        Assert.That(problems[6].Message, Does.Contain("unknown field 'colour'"));
        Assert.That(problems.All(p => p.File.EndsWith("bad.json", StringComparison.Ordinal)), Is.True);
    }

    [Test]
    public void Load_BrokenReferences_NamesTheMissingDataSetFitAndMark()
    {
        string file = Write("refs", """
            { "sequence": "refs", "version": "1", "steps": [
              { "kind": "fit", "name": "F", "data": "never", "x": "a", "y": "b" },
              { "kind": "upload", "fit": "G", "parameters": [ "TC1_C0" ] },
              { "kind": "verify", "checks": [ { "check": "dynamics", "since": "nomark", "target": 10 } ] }
            ] }
            """);

        var ex = Assert.Throws<ConfigurationException>(() => SequenceLoader.Load(file, _rig));

        Assert.That(ex!.Problems.Select(p => p.Message), Has.Some.Contains("data set 'never'").And.Some.Contains("'G'").And.Some.Contains("'nomark'"));
    }

    [Test]
    public void Load_NameDiffersFromFile_IsAProblem()
    {
        string file = Write("one", """{ "sequence": "two", "version": "1", "steps": [ { "kind": "mark", "name": "m" } ] }""");

        IReadOnlyList<ConfigurationProblem> problems = SequenceLoader.Check(file, _rig);

        Assert.That(problems.Single().JsonPath, Is.EqualTo("$.sequence"));
    }

    [Test]
    public void Load_ValidSweep_BuildsPlanWithHashAndPolicy()
    {
        string file = Write("ok", """
            { "sequence": "ok", "version": "2.1", "policy": { "onReboot": "reapply" }, "steps": [
              { "kind": "sweep", "variable": "sp", "values": [ 100, 200 ], "steps": [ { "kind": "set", "parameters": { "SETPOINT": "$sp + 5" } } ] }
            ] }
            """);

        SequencePlan plan = SequenceLoader.Load(file, _rig);

        Assert.That(plan.Version, Is.EqualTo("2.1"));
        Assert.That(plan.Policy.ReapplyOnReboot, Is.True);
        Assert.That(plan.Steps.Single().Kind, Is.EqualTo("sweep"));
        Assert.That(plan.Hash, Has.Length.EqualTo(64));
    }
}
