using Newtonsoft.Json.Linq;
using NJsonSchema;
using UsocHil.Configuration;
using UsocHil.Sequencing;
using UsocHil.Description;
using UsocHil.Testing.Fakes;

namespace UsocHil.Tests.Sequencing;

/// <summary>
/// The sequence schema serves editors; the loader's step readers decide. These tests keep the two in step: shipped
/// sequences pass both, broken ones fail both, and no structural mutation of a shipped sequence passes one and not the other.
/// </summary>
public sealed class SequenceSchemaTests
{
    private static readonly string[] s_shipped = ["calibrate-thermocouples", "certify", "tune-heater-pid"];
    private string _directory = null!;
    private RigDefinition _rig = null!;

    [SetUp]
    public void SetUp()
    {
        _directory = Directory.CreateTempSubdirectory("usochil-schema-").FullName;
        _rig = TestRigs.Furnace();
    }

    [TearDown]
    public void TearDown() => Directory.Delete(_directory, recursive: true);

    private static JsonSchema Schema => ConfigurationSchemas.Sequence;

    private static string ShippedFile(string name) => Path.Combine(TestRigs.FurnaceDirectory, "sequences", name + ".json");

    private static JObject Shipped(string name) => JObject.Parse(File.ReadAllText(ShippedFile(name)));

    private bool LoaderAccepts(JObject document)
    {
        string file = Path.Combine(_directory, (document["sequence"]?.Type == JTokenType.String ? (string)document["sequence"]! : "unnamed") + ".json");
        File.WriteAllText(file, document.ToString());
        return SequenceLoader.Check(file, _rig).Count == 0;
    }

    private static bool SchemaAccepts(JToken document) => Schema.Validate(document).Count == 0;

    [TestCaseSource(nameof(s_shipped))]
    public void Validate_ShippedSequence_HasNoErrors(string name)
    {
        var errors = Schema.Validate(Shipped(name));

        Assert.That(errors, Is.Empty, string.Join("\n", errors.Select(e => $"{e.Path}: {e.Kind}")));
    }

    [TestCaseSource(nameof(s_shipped))]
    public void SchemaReference_ShippedSequence_PointsAtTheEmbeddedSchema(string name)
    {
        string referenced = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(ShippedFile(name))!, (string)Shipped(name)["$schema"]!));

        using Stream embedded = typeof(SequenceLoader).Assembly.GetManifestResourceStream("UsocHil.Schemas.sequence.schema.json")!;
        using var reader = new StreamReader(embedded);

        Assert.That(File.Exists(referenced), Is.True, referenced);
        Assert.That(reader.ReadToEnd(), Is.EqualTo(File.ReadAllText(referenced)));
    }

    private static readonly object[] s_broken =
    [
        new object[] { "unknown kind", """{ "kind": "heat", "to": 300 }""" },
        new object[] { "unknown field", """{ "kind": "mark", "name": "a", "colour": "red" }""" },
        new object[] { "missing command", """{ "kind": "command" }""" },
        new object[] { "set without parameters", """{ "kind": "set", "parameters": {} }""" },
        new object[] { "set value not an expression", """{ "kind": "set", "parameters": { "SETPOINT": "hot" } }""" },
        new object[] { "set value NaN", """{ "kind": "set", "parameters": { "SETPOINT": "NaN" } }""" },
        new object[] { "wait on telemetry without timeout", """{ "kind": "wait", "parameter": "CONTROL_TEMP", "above": 3 }""" },
        new object[] { "wait without condition", """{ "kind": "wait", "parameter": "CONTROL_TEMP", "timeoutSeconds": 3 }""" },
        new object[] { "wait near without tolerance", """{ "kind": "wait", "parameter": "CONTROL_TEMP", "near": 300, "timeoutSeconds": 3 }""" },
        new object[] { "wait duration with a condition", """{ "kind": "wait", "seconds": 3, "above": 3 }""" },
        new object[] { "wait negative seconds", """{ "kind": "wait", "seconds": -1 }""" },
        new object[] { "wait unknown timeout policy", """{ "kind": "wait", "parameter": "CONTROL_TEMP", "above": 3, "timeoutSeconds": 9, "onTimeout": "ignore" }""" },
        new object[] { "wait stability window below 1 s", """{ "kind": "wait", "parameter": "CONTROL_TEMP", "timeoutSeconds": 9, "stable": { "seconds": 0.5 } }""" },
        new object[] { "wait equals an object", """{ "kind": "wait", "parameter": "MODE", "equals": { "x": 1 }, "timeoutSeconds": 9 }""" },
        new object[] { "power with nothing to switch", """{ "kind": "power", "lines": {} }""" },
        new object[] { "power supply neither on nor off", """{ "kind": "power", "supply": "maybe" }""" },
        new object[] { "power instrument without supply", """{ "kind": "power", "lines": { "POWER_EN": true }, "instrument": "psu" }""" },
        new object[] { "power line level not a boolean", """{ "kind": "power", "lines": { "POWER_EN": 1 } }""" },
        new object[] { "sample count not whole", """{ "kind": "sample", "name": "s", "parameters": [ "TC1_RAW" ], "count": 2.5 }""" },
        new object[] { "sweep without values", """{ "kind": "sweep", "variable": "x", "values": [], "steps": [] }""" },
        new object[] { "sweep variable not a name", """{ "kind": "sweep", "variable": "set-point", "values": [ 1 ], "steps": [] }""" },
        new object[] { "verify without checks", """{ "kind": "verify", "checks": [] }""" },
        new object[] { "agreement without reference", """{ "kind": "verify", "checks": [ { "check": "agreement", "parameters": [ "TC1_TEMP" ], "within": 1 } ] }""" },
        new object[] { "value check without bound", """{ "kind": "verify", "checks": [ { "check": "value", "parameter": "HEATER_POWER" } ] }""" },
        new object[] { "check with a label", """{ "kind": "verify", "checks": [ { "check": "housekeeping-rate", "label": "x" } ] }""" },
        new object[] { "label not a string", """{ "kind": "mark", "name": "a", "label": 3 }""" },
        new object[] { "prompt without message", """{ "kind": "prompt" }""" },
        new object[] { "brent", """{ "kind": "optimise", "method": "brent", "maxEvaluations": 5, "variables": [ { "name": "x", "initial": 1, "min": 0, "max": 2 } ], "evaluation": [ { "kind": "mark", "name": "m" } ], "objective": { "parameter": "CONTROL_TEMP", "since": "m", "seconds": 10, "target": 1 } }""" },
        new object[] { "golden section on two variables", """{ "kind": "optimise", "method": "golden-section", "maxEvaluations": 5, "variables": [ { "name": "x", "initial": 1, "min": 0, "max": 2 }, { "name": "y", "initial": 1, "min": 0, "max": 2 } ], "evaluation": [ { "kind": "mark", "name": "m" } ], "objective": { "parameter": "CONTROL_TEMP", "since": "m", "seconds": 10, "target": 1 } }""" },
        new object[] { "optimise without budget", """{ "kind": "optimise", "method": "nelder-mead", "variables": [ { "name": "x", "initial": 1, "min": 0, "max": 2 } ], "evaluation": [ { "kind": "mark", "name": "m" } ], "objective": { "parameter": "CONTROL_TEMP", "since": "m", "seconds": 10, "target": 1 } }""" },
        new object[] { "fit order 0", """{ "kind": "fit", "name": "f", "data": "d", "x": "a", "y": "b", "order": 0 }""" },
        new object[] { "model without seconds", """{ "kind": "model", "name": "m", "input": "HEATER_POWER", "output": "CONTROL_TEMP", "since": "x" }""" },
        new object[] { "model with three lags", """{ "kind": "model", "name": "m", "input": "HEATER_POWER", "output": "CONTROL_TEMP", "since": "x", "seconds": 60, "lags": 3 }""" },
        new object[] { "model bound not a pair", """{ "kind": "model", "name": "m", "input": "HEATER_POWER", "output": "CONTROL_TEMP", "since": "x", "seconds": 60, "bounds": { "gain": [ 1 ] } }""" },
        new object[] { "power volts with supply off", """{ "kind": "power", "supply": "off", "volts": 24 }""" },
        new object[] { "robustness without gains", """{ "kind": "verify", "checks": [ { "check": "robustness", "model": "m" } ] }""" },
        new object[] { "disturbance without band", """{ "kind": "verify", "checks": [ { "check": "disturbance", "parameter": "CONTROL_TEMP", "since": "m", "target": 1, "maxDeviation": 1, "maxRecoverySeconds": 9 } ] }""" },
    ];

    [TestCaseSource(nameof(s_broken))]
    public void Validate_BrokenStep_FailsSchemaAndLoader(string what, string stepJson)
    {
        var document = JObject.Parse("""{ "sequence": "broken", "version": "1", "steps": [] }""");
        ((JArray)document["steps"]!).Add(JObject.Parse(stepJson));

        Assert.That(SchemaAccepts(document), Is.False, $"schema accepted: {what}");
        Assert.That(LoaderAccepts(document), Is.False, $"loader accepted: {what}");
    }

    [TestCase("""{ "sequence": "broken", "steps": [ { "kind": "wait", "seconds": 1 } ] }""", TestName = "Validate_NoVersion_FailsSchemaAndLoader")]
    [TestCase("""{ "sequence": "broken", "version": "1", "steps": [] }""", TestName = "Validate_NoSteps_FailsSchemaAndLoader")]
    [TestCase("""{ "sequence": "broken", "version": {}, "steps": [] }""", TestName = "Validate_VersionObject_FailsSchemaAndLoader")]
    [TestCase("""{ "sequence": "broken", "version": "1", "steps": [], "policy": { "onLinkLoss": "pray" } }""", TestName = "Validate_UnknownLinkLossPolicy_FailsSchemaAndLoader")]
    [TestCase("""{ "sequence": "broken", "version": "1", "steps": {} }""", TestName = "Validate_StepsNotAnArray_FailsSchemaAndLoader")]
    [TestCase("""{ "$schema": 1, "sequence": "broken", "version": "1", "steps": [] }""", TestName = "Validate_SchemaNotAString_FailsSchemaAndLoader")]
    public void Validate_BrokenDocument_FailsSchemaAndLoader(string json)
    {
        var document = JObject.Parse(json);

        Assert.That(SchemaAccepts(document), Is.False, "schema");
        Assert.That(LoaderAccepts(document), Is.False, "loader");
    }

    [TestCase("$setpoint")]
    [TestCase("$base + 10")]
    [TestCase("$x-0.5")]
    [TestCase(" 312.5 ")]
    [TestCase("$k_p + -1e3")]
    public void Validate_ValueExpression_AcceptedByBoth(string expression)
    {
        var document = JObject.Parse("""{ "sequence": "exprs", "version": 2, "steps": [ { "kind": "sweep", "variable": "v", "values": [ 300 ], "steps": [] } ] }""");
        string name = expression.TrimStart().StartsWith('$') ? expression.Trim()[1..].Split(' ', '+', '-')[0] : "v";
        document["steps"]![0]!["variable"] = name;
        ((JArray)document["steps"]![0]!["steps"]!).Add(new JObject { ["kind"] = "set", ["parameters"] = new JObject { ["SETPOINT"] = expression } });

        Assert.That(SchemaAccepts(document), Is.True, "schema");
        Assert.That(LoaderAccepts(document), Is.True, "loader");
    }

    [TestCase("$ x")]
    [TestCase("$x +")]
    [TestCase("$x * 2")]
    [TestCase("Infinity")]
    [TestCase("x")]
    public void Validate_NotAValueExpression_RejectedByBoth(string expression)
    {
        var document = JObject.Parse("""{ "sequence": "exprs", "version": "1", "steps": [ { "kind": "sweep", "variable": "x", "values": [ 300 ], "steps": [] } ] }""");
        ((JArray)document["steps"]![0]!["steps"]!).Add(new JObject { ["kind"] = "set", ["parameters"] = new JObject { ["SETPOINT"] = expression } });

        Assert.That(SchemaAccepts(document), Is.False, "schema");
        Assert.That(LoaderAccepts(document), Is.False, "loader");
    }

    /// <summary>Every scalar replaced by an array, and an unknown field added to every object: both must refuse each.</summary>
    [TestCaseSource(nameof(s_shipped))]
    public void Mutations_WrongTypeOrUnknownField_RejectedByBoth(string name)
    {
        JObject original = Shipped(name);
        var disagreements = new List<string>();
        int mutations = 0;
        foreach (JToken node in original.DescendantsAndSelf().ToArray())
        {
            string path = node.Path;
            if (node is JValue && node.Parent is not null)
            {
                mutations++;
                Check(Mutate(original, path, t => t.Replace(new JArray())), $"{path} -> []");
            }
            else if (node is JObject)
            {
                mutations++;
                Check(Mutate(original, path, t => ((JObject)t).Add("unexpected", new JArray())), $"{path}.unexpected");
            }
        }

        Assert.That(mutations, Is.GreaterThan(50));
        Assert.That(disagreements, Is.Empty, string.Join("\n", disagreements));

        void Check(JObject mutated, string what)
        {
            bool schema = SchemaAccepts(mutated), loader = LoaderAccepts(mutated);
            if (schema || loader)
            {
                disagreements.Add($"{what}: schema {(schema ? "accepts" : "rejects")}, loader {(loader ? "accepts" : "rejects")}");
            }
        }
    }

    /// <summary>Removing any one field: the schema is never stricter than the loader (it knows no names, so may be looser).</summary>
    [TestCaseSource(nameof(s_shipped))]
    public void Mutations_FieldRemoved_SchemaRejectsOnlyWhatTheLoaderRejects(string name)
    {
        JObject original = Shipped(name);
        var stricter = new List<string>();
        int rejectedByBoth = 0;
        foreach (JProperty property in original.Descendants().OfType<JProperty>().ToArray())
        {
            JObject mutated = Mutate(original, property.Path, t => t.Parent!.Remove());
            bool schema = SchemaAccepts(mutated), loader = LoaderAccepts(mutated);
            if (!schema && loader)
            {
                stricter.Add(property.Path);
            }

            rejectedByBoth += !schema && !loader ? 1 : 0;
        }

        Assert.That(stricter, Is.Empty, "the schema rejects, the loader accepts, without: " + string.Join(", ", stricter));
        Assert.That(rejectedByBoth, Is.GreaterThan(10), "required fields removed should fail both");
    }

    [Test]
    public void Schema_EveryPropertyAndStepKind_HasADescription()
    {
        JObject schema = JObject.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.Schemas, "sequence.schema.json")));
        var missing = schema.Descendants().OfType<JProperty>()
            .Where(p => p.Name == "properties" && p.Value is JObject && !p.Path.Contains("anyOf", StringComparison.Ordinal) && !p.Path.Contains("allOf", StringComparison.Ordinal))
            .SelectMany(p => ((JObject)p.Value).Properties())
            .Where(p => p.Value is JObject field && field["description"] is null)
            .Select(p => p.Path)
            .ToList();
        var kinds = ((JArray)schema.SelectToken("definitions.step.properties.kind.enum")!).Select(k => (string)k!).ToList();

        Assert.That(missing, Is.Empty);
        Assert.That(kinds, Is.EquivalentTo(new[] { "power", "command", "set", "wait", "sweep", "sample", "fit", "optimise", "upload", "verify", "prompt", "mark", "inhibit", "restore", "threshold", "raw", "identify", "model" }));
        Assert.That(kinds.All(k => schema.SelectToken($"definitions.step-{k}.description") is not null), Is.True);
    }

    [TestCase("\"1864C0000009AB\"", true)]
    [TestCase("\"18 64 C0 00 00 09 AB\"", true)]
    [TestCase("\"zz64C0000009AB\"", false)]
    [TestCase("\"1864C0\"", false)]
    [TestCase("12", false)]
    public void Validate_RawStep_PacketAsHexOctets(string packet, bool accepted)
    {
        var document = JObject.Parse($$"""{ "sequence": "raw", "version": "1", "steps": [ { "kind": "raw", "packet": {{packet}} } ] }""");

        Assert.That(SchemaAccepts(document), Is.EqualTo(accepted));
    }

    [Test]
    public void Validate_RawStepWithUnknownField_Refused()
    {
        var document = JObject.Parse("""{ "sequence": "raw", "version": "1", "steps": [ { "kind": "raw", "packet": "1864C0000009AB", "bytes": "0a0b" } ] }""");

        Assert.That(SchemaAccepts(document), Is.False);
    }

    private static JObject Mutate(JObject original, string path, Action<JToken> change)
    {
        var copy = (JObject)original.DeepClone();
        change(path.Length == 0 ? copy : copy.SelectToken(path)!);
        return copy;
    }
}
