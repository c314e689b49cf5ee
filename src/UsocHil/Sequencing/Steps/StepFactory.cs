using Newtonsoft.Json.Linq;
using UsocHil.Configuration;

namespace UsocHil.Sequencing.Steps;

/// <summary>Turns the step objects of a sequence file into steps, by kind; each kind reads and checks its own fields.</summary>
internal static class StepFactory
{
    private static readonly Dictionary<string, Func<StepReader, ISequenceStep?>> s_kinds = new(StringComparer.Ordinal)
    {
        ["power"] = PowerStep.Read,
        ["command"] = CommandStep.Read,
        ["set"] = SetStep.Read,
        ["wait"] = WaitStep.Read,
        ["sweep"] = SweepStep.Read,
        ["sample"] = SampleStep.Read,
        ["fit"] = FitStep.Read,
        ["optimise"] = OptimiseStep.Read,
        ["upload"] = UploadStep.Read,
        ["verify"] = VerifyStep.Read,
        ["prompt"] = PromptStep.Read,
        ["mark"] = MarkStep.Read,
        ["inhibit"] = InhibitStep.Read,
        ["raw"] = RawStep.Read,
    };

    public static IReadOnlyCollection<string> Kinds => s_kinds.Keys;

    public static IReadOnlyList<ISequenceStep> ReadList(JToken? token, string path, SequenceBuildContext context)
    {
        if (token is null)
        {
            return [];
        }

        if (token is not JArray array)
        {
            context.Problems.Add(new ConfigurationProblem(context.File, path, ConfigurationFileReader.LineOf(token), "wrong type: expected an array of steps"));
            return [];
        }

        var steps = new List<ISequenceStep>(array.Count);
        for (int i = 0; i < array.Count; i++)
        {
            if (Read(array[i], $"{path}[{i}]", context) is { } step)
            {
                steps.Add(step);
            }
        }

        return steps;
    }

    public static ISequenceStep? Read(JToken token, string path, SequenceBuildContext context)
    {
        if (token is not JObject obj)
        {
            context.Problems.Add(new ConfigurationProblem(context.File, path, ConfigurationFileReader.LineOf(token), "wrong type: expected a step object"));
            return null;
        }

        var reader = new StepReader(obj, path, context);
        string? kind = reader.String("kind");
        if (kind is null)
        {
            return null;
        }

        if (!s_kinds.TryGetValue(kind, out Func<StepReader, ISequenceStep?>? read))
        {
            reader.Problem(obj["kind"], "kind", $"unknown step kind '{kind}'; known kinds: {string.Join(", ", s_kinds.Keys)}");
            return null;
        }

        ISequenceStep? step = read(reader);
        reader.Finish();
        return reader.HasProblems ? null : step;
    }
}
