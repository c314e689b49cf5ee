using Newtonsoft.Json.Linq;
using UsocHil.Configuration;
using UsocHil.Description;
using UsocHil.Sequencing;
using UsocHil.Testing.Fakes;

namespace UsocHil.Tests.Sequencing;

/// <summary>A sequence's status (draft or approved) and the kinds of item it was validated on, as the loader and the schema read them.</summary>
public sealed class SequenceApprovalTests
{
    private string _directory = null!;
    private RigDefinition _rig = null!;

    [SetUp]
    public void SetUp()
    {
        _directory = Directory.CreateTempSubdirectory("usochil-approval-").FullName;
        _rig = TestRigs.Furnace();
    }

    [TearDown]
    public void TearDown() => Directory.Delete(_directory, recursive: true);

    private string Write(string topLevel)
    {
        string file = Path.Combine(_directory, "procedure.json");
        File.WriteAllText(file, $$"""
            {
              "sequence": "procedure",
              "version": "1",
            {{topLevel}}
              "steps": [ { "kind": "mark", "name": "m" } ]
            }
            """);
        return file;
    }

    [Test]
    public void Load_NeitherStatusNorValidatedOn_ADraftValidatedOnNothing()
    {
        SequencePlan plan = SequenceLoader.Load(Write(""), _rig);

        Assert.That(plan.Approval.Status, Is.EqualTo("draft"));
        Assert.That(plan.Approval.IsApproved, Is.False);
        Assert.That(plan.Approval.ValidatedOn, Is.Empty);
    }

    [Test]
    public void Load_ApprovedAndValidatedOnEmulatorAndEngineeringModel_Kept()
    {
        SequencePlan plan = SequenceLoader.Load(Write("""  "status": "approved", "validatedOn": [ "emulator", "EM" ],"""), _rig);

        Assert.That(plan.Approval.IsApproved, Is.True);
        Assert.That(plan.Approval.ValidatedOn, Is.EqualTo(new[] { "emulator", "EM" }));
        Assert.That(plan.Approval.IsValidatedOn("EM"), Is.True);
        Assert.That(plan.Approval.IsValidatedOn("FM"), Is.False);
    }

    [TestCase("""  "status": "final",""", "$.status", "'final' is not draft or approved")]
    [TestCase("""  "status": true,""", "$.status", "wrong type: expected a string")]
    [TestCase("""  "validatedOn": "EM",""", "$.validatedOn", "wrong type: expected an array")]
    [TestCase("""  "validatedOn": [ "emulator", "bench" ],""", "$.validatedOn[1]", "'bench' is not one of emulator, EM, QM, FM, PFM")]
    [TestCase("""  "validatedOn": [ "em" ],""", "$.validatedOn[0]", "'em' is not one of emulator, EM, QM, FM, PFM")]
    [TestCase("""  "validatedOn": [ "EM", "EM" ],""", "$.validatedOn[1]", "'EM' is listed twice")]
    [TestCase("""  "validatedOn": [ 3 ],""", "$.validatedOn[0]", "wrong type: expected a string")]
    public void Load_BadStatusOrValidatedOn_OneLineNamingFileLineAndField(string topLevel, string path, string message)
    {
        string file = Write(topLevel);

        var ex = Assert.Throws<ConfigurationException>(() => SequenceLoader.Load(file, _rig, displayName: "rigs/furnace-em/sequences/procedure.json"));

        ConfigurationProblem problem = ex!.Problems.Single();
        Assert.That(problem.ToString(), Is.EqualTo($"rigs/furnace-em/sequences/procedure.json:4: {path}: {message}"));
        Assert.That(problem.ToString(), Does.Not.Contain("\n"));
    }

    [TestCase("""  "status": "approved", "validatedOn": [ "FM", "PFM", "QM" ],""", true)]
    [TestCase("""  "validatedOn": [],""", true)]
    [TestCase("""  "status": "final",""", false)]
    [TestCase("""  "status": null,""", false)]
    [TestCase("""  "validatedOn": [ "bench" ],""", false)]
    [TestCase("""  "validatedOn": [ "EM", "EM" ],""", false)]
    [TestCase("""  "validatedOn": [ { "item": "EM" } ],""", false)]
    public void Validate_StatusAndValidatedOn_SchemaAndLoaderAgree(string topLevel, bool accepted)
    {
        string file = Write(topLevel);

        bool schema = ConfigurationSchemas.Sequence.Validate(JObject.Parse(File.ReadAllText(file))).Count == 0;
        bool loader = SequenceLoader.Check(file, _rig).Count == 0;

        Assert.That((schema, loader), Is.EqualTo((accepted, accepted)));
    }

    /// <summary>The shipped procedures have been run on emulators only, and nobody has approved them.</summary>
    [TestCase("furnace-em", "calibrate-thermocouples")]
    [TestCase("furnace-em", "certify")]
    [TestCase("furnace-em", "tune-heater-pid")]
    [TestCase("centrifuge-em", "calibrate-tachometer")]
    [TestCase("centrifuge-em", "certify")]
    [TestCase("centrifuge-em", "tune-spin-profile")]
    public void ShippedSequence_DraftValidatedOnTheEmulatorOnly(string rig, string name)
    {
        JObject sequence = JObject.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.RigDirectory(rig), "sequences", name + ".json")));

        Assert.That((string?)sequence["status"], Is.EqualTo("draft"));
        Assert.That(sequence["validatedOn"]!.Select(t => (string?)t), Is.EqualTo(new[] { "emulator" }));
    }
}
