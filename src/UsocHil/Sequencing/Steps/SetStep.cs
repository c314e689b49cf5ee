using Newtonsoft.Json.Linq;
using UsocHil.Description;

namespace UsocHil.Sequencing.Steps;

/// <summary>
/// Sets parameters through service 20 and, unless <c>"readBack": false</c>, reads them back and compares:
/// <c>{"kind":"set","parameters":{"SETPOINT":"$setpoint","RAMP_RATE":20}}</c>.
/// </summary>
internal sealed class SetStep(IReadOnlyList<(ParameterDefinition Parameter, ValueExpression Value)> parameters, bool readBack, string? label) : ISequenceStep
{
    public string Kind => "set";

    public string Label => label ?? string.Join(", ", parameters.Select(p => $"{p.Parameter.Name}={p.Value}"));

    /// <summary>A backstop only: every command has its own verification timeouts, and may be sent three times.</summary>
    public TimeSpan? Timeout => TimeSpan.FromMinutes(2);

    public async Task ExecuteAsync(StepContext context, CancellationToken cancellationToken)
    {
        var values = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var (parameter, expression) in parameters)
        {
            double value = expression.Evaluate(context.Variables);
            if (parameter.Range is [double low, double high] && (value < low || value > high))
            {
                throw new StepFailedException(context.Path, $"{parameter.Name} = {value:G6} is out of its range [{low:G6}, {high:G6}]");
            }

            values[parameter.Name] = value;
        }

        await WriteAsync(context, values, readBack, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Sets, remembers volatile values for a reboot, and (optionally) reads back and compares at float32 precision.</summary>
    internal static async Task WriteAsync(StepContext context, IReadOnlyDictionary<string, double> values, bool readBack, CancellationToken cancellationToken)
    {
        await context.Rig.SetParametersAsync(values, cancellationToken).ConfigureAwait(false);
        foreach (var (name, value) in values)
        {
            if (context.Rig.Rig.Dictionary.Parameters.FirstOrDefault(p => p.Name == name) is { Volatile: true })
            {
                context.Data.Applied(name, value);
            }
        }

        if (!readBack)
        {
            return;
        }

        IReadOnlyDictionary<string, double> read = await context.Rig.ReadParametersAsync(values.Keys.ToArray(), cancellationToken).ConfigureAwait(false);
        foreach (var (name, value) in values)
        {
            double back = read.TryGetValue(name, out double v) ? v : double.NaN;
            if (!SameOnTheWire(value, back))
            {
                throw new StepFailedException(context.Path, $"{name} read back {back:R} after setting {value:R}");
            }
        }
    }

    /// <summary>Equal once both went through a float32, which is what the payload stores.</summary>
    internal static bool SameOnTheWire(double sent, double readBack) =>
        (float)sent == (float)readBack || Math.Abs(sent - readBack) <= 1e-6 * Math.Max(1, Math.Abs(sent));

    public static ISequenceStep? Read(StepReader r)
    {
        bool readBack = r.Bool("readBack") ?? true;
        JObject? obj = r.Object("parameters");
        var parameters = new List<(ParameterDefinition, ValueExpression)>();
        foreach (JProperty property in obj?.Properties() ?? [])
        {
            if (r.Parameter(property, $"parameters.{property.Name}", property.Name, settable: true) is { } parameter
                && r.Value(property.Value, $"parameters.{property.Name}", parameter) is { } value)
            {
                parameters.Add((parameter, value));
            }
        }

        if (obj is not null && obj.Count == 0)
        {
            r.Problem(obj, "parameters", "no parameters to set");
        }

        return new SetStep(parameters, readBack, r.Label);
    }
}
