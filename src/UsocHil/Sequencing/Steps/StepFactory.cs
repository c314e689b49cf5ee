using Newtonsoft.Json.Linq;
using UsocHil.Configuration;

namespace UsocHil.Sequencing.Steps;

/// <summary>
/// Turns the step objects of a sequence file into steps, by the kinds registered in the context; each kind reads and
/// checks its own fields. A step kind that holds steps (a sweep, an inhibit) reads them with <see cref="ReadList"/>.
/// </summary>
public static class StepFactory
{
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

        if (!context.Kinds.TryGet(kind, out Func<StepReader, ISequenceStep?> read))
        {
            reader.Problem(obj["kind"], "kind", $"unknown step kind '{kind}'; known kinds: {string.Join(", ", context.Kinds.Names)}");
            return null;
        }

        ISequenceStep? step = read(reader);
        reader.Finish();
        return reader.HasProblems ? null : step;
    }
}
