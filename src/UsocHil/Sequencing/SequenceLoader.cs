using System.Security.Cryptography;
using Newtonsoft.Json.Linq;
using UsocHil.Configuration;
using UsocHil.Sequencing.Steps;
using UsocHil.Description;

namespace UsocHil.Sequencing;

/// <summary>
/// Reads a sequence file and checks all of it against the rig before anything runs: unknown step kinds, fields,
/// parameters, commands, lines and instruments, values out of range, references to data sets, fits, marks and
/// variables that do not exist. Every problem is reported at once, each with file, JSON path and line.
/// </summary>
public static class SequenceLoader
{
    private static readonly string[] s_topLevel = ["$schema", "sequence", "version", "description", "status", "validatedOn", "policy", "powerUp", "selfTest", "steps", "verify"];

    /// <summary>Lets <c>config validate</c> check sequence files too.</summary>
    /// <param name="kinds">The step and check kinds of this station (its extensions' too); the built-in ones when null.</param>
    public static void RegisterWithConfiguration(StepKinds? kinds = null) =>
        SequenceChecks.Register((rig, file, allowRaw) => Check(file, rig.Definition, displayName: null, allowRaw, kinds));

    public static SequencePlan Load(string file, RigDefinition rig, string? displayName = null) => Load(file, rig, displayName, allowRawPackets: false);

    /// <param name="allowRawPackets">Accept raw steps (<c>usoc-hil run --raw</c>); without it a raw step is a problem naming the file and step.</param>
    /// <param name="kinds">The step and check kinds the sequence may use; the built-in ones when null.</param>
    public static SequencePlan Load(string file, RigDefinition rig, string? displayName, bool allowRawPackets, StepKinds? kinds = null)
    {
        var (plan, problems) = Build(file, rig, displayName, allowRawPackets, kinds);
        return problems.Count > 0 ? throw new ConfigurationException(problems) : plan!;
    }

    public static IReadOnlyList<ConfigurationProblem> Check(string file, RigDefinition rig, string? displayName = null) => Check(file, rig, displayName, allowRawPackets: false);

    public static IReadOnlyList<ConfigurationProblem> Check(string file, RigDefinition rig, string? displayName, bool allowRawPackets, StepKinds? kinds = null) =>
        Build(file, rig, displayName, allowRawPackets, kinds, planWanted: false).Problems;

    /// <param name="planWanted">False when only the problems are: the plan, and the file's hash, are then not made.</param>
    private static (SequencePlan? Plan, IReadOnlyList<ConfigurationProblem> Problems) Build(
        string file, RigDefinition rig, string? displayName, bool allowRawPackets, StepKinds? kinds, bool planWanted = true)
    {
        string shown = displayName ?? Path.GetRelativePath(Environment.CurrentDirectory, file);
        JToken document;
        try
        {
            document = ConfigurationFileReader.Parse(file, shown);
        }
        catch (ConfigurationException ex)
        {
            return (null, ex.Problems);
        }

        var context = new SequenceBuildContext(shown, rig, allowRawPackets, kinds);
        if (document is not JObject root)
        {
            return (null, [new ConfigurationProblem(shown, "$", ConfigurationFileReader.LineOf(document), "wrong type: a sequence is a JSON object")]);
        }

        var top = new StepReader(root, "$", context, isStep: false);
        string? name = top.String("sequence");
        string? version = top.Field("version", true) is { } v ? v.Type is JTokenType.String or JTokenType.Integer or JTokenType.Float ? v.ToString() : Wrong(top, v, "version", "a string or a number") : null;
        if (top.Field("$schema", false) is { Type: not JTokenType.String } schema)
        {
            Wrong(top, schema, "$schema", "a string");
        }

        string? description = top.String("description", required: false);
        SequenceApproval approval = ReadApproval(top);
        SequencePolicy policy = ReadPolicy(top);
        var powerUp = StepFactory.ReadList(top.Field("powerUp", false), "$.powerUp", context);
        var selfTest = StepFactory.ReadList(top.Field("selfTest", false), "$.selfTest", context);
        var steps = StepFactory.ReadList(top.Field("steps", true), "$.steps", context);
        if (top.Field("steps", false) is JArray { Count: 0 } noSteps)
        {
            // An empty procedure would power the rig, safe it and pass, having tested nothing.
            top.Problem(noSteps, "steps", "a sequence needs at least one step");
        }

        var verify = StepFactory.ReadList(top.Field("verify", false), "$.verify", context);
        foreach (JProperty property in root.Properties().Where(p => !s_topLevel.Contains(p.Name)))
        {
            top.Problem(property, property.Name, $"unknown field '{property.Name}'; a sequence has: {string.Join(", ", s_topLevel.Skip(1))}");
        }

        if (name is not null && !string.Equals(name, Path.GetFileNameWithoutExtension(file), StringComparison.Ordinal))
        {
            top.Problem(root["sequence"], "sequence", $"the sequence is named '{name}' but its file is {Path.GetFileName(file)}");
        }

        if (context.Problems.Count > 0 || name is null || version is null || !planWanted)
        {
            return (null, context.Problems);
        }

        return (new SequencePlan
        {
            Name = name,
            Version = version,
            Description = description,
            Source = file,
            Hash = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(file))),
            Approval = approval,
            Policy = policy,
            PowerUp = powerUp,
            SelfTest = selfTest,
            Steps = steps,
            Verify = verify,
            OperatorPrompts = context.OperatorPrompts,
            ContinuesOnTimeout = context.ContinuesOnTimeout,
        }, context.Problems);
    }

    private static string? Wrong(StepReader reader, JToken at, string field, string expected)
    {
        reader.Problem(at, field, "wrong type: expected " + expected);
        return null;
    }

    /// <summary>status (draft when absent) and validatedOn (nothing when absent), each value checked against its vocabulary.</summary>
    private static SequenceApproval ReadApproval(StepReader top)
    {
        string status = top.String("status", required: false) ?? SequenceApproval.Draft;
        if (status is not (SequenceApproval.Draft or SequenceApproval.Approved))
        {
            top.Problem(top.Json["status"], "status", $"'{status}' is not draft or approved");
        }

        var validatedOn = new List<string>();
        JArray list = top.Array("validatedOn", required: false) ?? new JArray();
        for (int i = 0; i < list.Count; i++)
        {
            string field = $"validatedOn[{i}]";
            if (list[i].Type != JTokenType.String)
            {
                top.Problem(list[i], field, "wrong type: expected a string");
                continue;
            }

            string kind = list[i].Value<string>()!;
            if (!ItemKind.Known.Contains(kind, StringComparer.Ordinal))
            {
                top.Problem(list[i], field, $"'{kind}' is not one of {string.Join(", ", ItemKind.Known)}");
            }
            else if (validatedOn.Contains(kind, StringComparer.Ordinal))
            {
                top.Problem(list[i], field, $"'{kind}' is listed twice");
            }
            else
            {
                validatedOn.Add(kind);
            }
        }

        return new SequenceApproval { Status = status, ValidatedOn = validatedOn };
    }

    private static SequencePolicy ReadPolicy(StepReader top)
    {
        if (top.Object("policy", required: false) is not { } obj)
        {
            return new SequencePolicy();
        }

        StepReader p = top.Inner(obj, "policy");
        string onLinkLoss = p.String("onLinkLoss", required: false) ?? "fail";
        string onReboot = p.String("onReboot", required: false) ?? "fail";
        if (onLinkLoss is not ("fail" or "reconnect"))
        {
            p.Problem(obj["onLinkLoss"], "onLinkLoss", $"'{onLinkLoss}' is not fail or reconnect");
        }

        if (onReboot is not ("fail" or "reapply"))
        {
            p.Problem(obj["onReboot"], "onReboot", $"'{onReboot}' is not fail or reapply");
        }

        p.Finish();
        return new SequencePolicy { OnLinkLoss = onLinkLoss, OnReboot = onReboot };
    }
}
