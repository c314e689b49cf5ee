using System.Text;
using System.Xml.Linq;
using UsocHil.Reporting;
using UsocHil.Results;
using UsocHil.Sequencing;

namespace UsocHil.Tests.Reporting;

/// <summary>What a run says it verifies, from the kind of item it ran on and its sequence's status and validation.</summary>
public sealed class VerificationScopeTests
{
    private static RunRecord Run(RunHeader header) => new()
    {
        Summary = new RunSummary
        {
            Id = 7,
            Header = header,
            StartedRig = DateTimeOffset.UnixEpoch,
            StartedWall = DateTimeOffset.UnixEpoch,
            Outcome = ArchivedOutcome.Passed,
        },
    };

    private static RunHeader Header(string? itemKind, string? status, params string[] validatedOn) =>
        new() { Rig = "furnace-em", Sequence = "certify", ItemKind = itemKind, SequenceStatus = status, SequenceValidatedOn = validatedOn };

    [TestCase(true, "EM", "emulator")]
    [TestCase(false, "EM", "EM")]
    [TestCase(false, "em", "EM")]
    [TestCase(false, " FM ", "FM")]
    [TestCase(false, null, "hardware")]
    [TestCase(false, "", "hardware")]
    [TestCase(false, "breadboard", "breadboard")]
    public void ItemKindOf_BindingAndRigModel_TheKindRunOn(bool emulated, string? model, string expected) =>
        Assert.That(ItemKind.Of(emulated, model), Is.EqualTo(expected));

    [Test]
    public void Lines_DraftOnTheEmulatorItWasValidatedOn_SaysWhatItVerifiesAndNoWarning()
    {
        var scope = VerificationScope.Of(Header("emulator", "draft", "emulator"));

        Assert.That(scope.Lines, Is.EqualTo(new[]
        {
            "Emulator run: verifies the procedure and the harness, not the unit",
            "Sequence draft, not approved: not valid for acceptance",
        }));
    }

    [Test]
    public void Lines_EngineeringModelWithASequenceValidatedOnTheEmulatorOnly_NotAcceptanceAndAWarning()
    {
        var scope = VerificationScope.Of(Header("EM", "draft", "emulator"));

        Assert.That(scope.Statement, Does.StartWith("Engineering-model run").And.Contain("not flight-model acceptance"));
        Assert.That(scope.ValidationWarning, Is.EqualTo("sequence not validated on an engineering model (EM) (validated on: emulator)"));
        Assert.That(scope.Lines[^1], Is.EqualTo("WARNING: sequence not validated on an engineering model (EM) (validated on: emulator)"));
    }

    [Test]
    public void Lines_ApprovedOnTheFlightModelItWasValidatedOn_AcceptanceEvidenceNoWarning()
    {
        var scope = VerificationScope.Of(Header("FM", "approved", "emulator", "EM", "FM"));

        Assert.That(scope.Lines, Is.EqualTo(new[] { "Flight-model run: acceptance evidence for this unit", "Sequence approved" }));
    }

    [Test]
    public void ValidationWarning_ValidatedOnNothing_SaysNothing()
    {
        var scope = VerificationScope.Of(Header("hardware", "draft"));

        Assert.That(scope.ValidationWarning, Is.EqualTo("sequence not validated on hardware of no stated model (validated on: nothing)"));
    }

    [Test]
    public void Lines_RunRecordedBeforeSequencesHadAStatus_Nothing()
    {
        var scope = VerificationScope.Of(new RunHeader { Rig = "furnace-em", Sequence = "certify" });

        Assert.That(scope.Lines, Is.Empty);
        Assert.That(scope.Summary, Is.Null);
    }

    [Test]
    public void HtmlReport_EngineeringModelRun_ScopeFirstWithTheWarningMarked()
    {
        string html = HtmlReport.Render(Run(Header("EM", "draft", "emulator")), rig: null);

        int scope = html.IndexOf("<section id=\"scope\">", StringComparison.Ordinal);
        Assert.That(scope, Is.GreaterThan(0).And.LessThan(html.IndexOf("<section id=\"summary\">", StringComparison.Ordinal)));
        Assert.That(html, Does.Contain("<li>Engineering-model run: verifies the procedure and the design on an engineering model, not flight-model acceptance</li>"));
        Assert.That(html, Does.Contain("<li>Sequence draft, not approved: not valid for acceptance</li>"));
        Assert.That(html, Does.Contain("<li class=\"warning\">WARNING: sequence not validated on an engineering model (EM) (validated on: emulator)</li>"));
        Assert.That(html, Does.Contain("<tr><th>Item under test</th><td>EM</td></tr>"));
    }

    [Test]
    public void JUnit_EngineeringModelRun_PropertiesAndSystemOutSayWhatItVerifies()
    {
        using var output = new MemoryStream();
        JUnitExport.Write(Run(Header("EM", "draft", "emulator")), output);

        XElement suite = XDocument.Parse(Encoding.UTF8.GetString(output.ToArray())).Root!;
        var properties = suite.Element("properties")!.Elements("property").ToDictionary(p => (string)p.Attribute("name")!, p => (string)p.Attribute("value")!);
        Assert.That(properties["itemKind"], Is.EqualTo("EM"));
        Assert.That(properties["sequenceStatus"], Is.EqualTo("draft"));
        Assert.That(properties["sequenceValidatedOn"], Is.EqualTo("emulator"));
        Assert.That(properties["scope"], Does.Contain("not flight-model acceptance").And.Contain("Sequence draft, not approved").And.Contain("WARNING: sequence not validated on an engineering model"));
        Assert.That(suite.Element("system-out")!.Value, Does.StartWith("Engineering-model run:"));
    }

    [Test]
    public void JUnit_RunRecordedBeforeSequencesHadAStatus_NoScopeProperties()
    {
        using var output = new MemoryStream();
        JUnitExport.Write(Run(new RunHeader { Rig = "furnace-em", Sequence = "certify" }), output);

        XElement suite = XDocument.Parse(Encoding.UTF8.GetString(output.ToArray())).Root!;
        Assert.That(suite.Element("properties")!.Elements("property").Select(p => (string)p.Attribute("name")!), Has.None.EqualTo("scope").And.None.EqualTo("itemKind"));
    }
}
