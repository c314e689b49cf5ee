using UsocHil.Expectations;
using System.Globalization;
using Newtonsoft.Json.Linq;
using UsocHil.Rigs;
using UsocHil.Description;

namespace UsocHil.Sequencing.Steps;

/// <summary>
/// Sends a dictionary telecommand and awaits its verification: <c>{"kind":"command","command":"PUMP_START"}</c>.
/// With <c>"checkTiming": true</c> the acceptance and completion times are held against the rig's expectations.
/// </summary>
internal sealed class CommandStep(string command, IReadOnlyDictionary<string, ValueExpression> arguments, bool checkTiming, string? label) : ISequenceStep
{
    public string Kind => "command";

    public string Label => label ?? command;

    /// <summary>A backstop only: every command has its own verification timeouts, and may be sent three times.</summary>
    public TimeSpan? Timeout => TimeSpan.FromMinutes(2);

    public async Task ExecuteAsync(StepContext context, CancellationToken cancellationToken)
    {
        var values = arguments.ToDictionary(a => a.Key, a => a.Value.Evaluate(context.Variables), StringComparer.Ordinal);
        CommandRecord record = await context.Rig.SendCommandAsync(command, values, cancellationToken).ConfigureAwait(false);
        context.Observer.OnCommand(record);
        if (!record.Succeeded)
        {
            throw new StepFailedException(context.Path, $"{command} failed: {record.Failure}");
        }

        if (checkTiming && context.Rig.Rig.Expectations?.CommandVerification is { } timing)
        {
            context.Record(Measurement.Within(context.Path, $"{command} acceptance", [command], record.Acceptance?.TotalSeconds ?? double.NaN, "s", null, timing.AcceptanceSeconds, context.Now));
            context.Record(Measurement.Within(context.Path, $"{command} completion", [command], record.Completion?.TotalSeconds ?? double.NaN, "s", null, timing.CompletionSeconds, context.Now));
        }
    }

    public static ISequenceStep? Read(StepReader r)
    {
        string? name = r.String("command");
        bool checkTiming = r.Bool("checkTiming") ?? false;
        JObject? args = r.Object("arguments", required: false);
        if (name is null)
        {
            return null;
        }

        CommandDefinition? definition = r.Context.Rig.Dictionary.Commands.FirstOrDefault(c => c.Name == name);
        if (definition is null)
        {
            r.Problem(r.Json["command"], "command", $"unknown command '{name}' (not in {r.Context.Rig.Name}'s dictionary)");
            return null;
        }

        if (definition.Service == 20)
        {
            r.Problem(r.Json["command"], "command", $"{name} is service 20: use a set step");
            return null;
        }

        var values = new Dictionary<string, ValueExpression>(StringComparer.Ordinal);
        foreach (JProperty property in args?.Properties() ?? [])
        {
            ArgumentDefinition? argument = definition.Arguments.FirstOrDefault(a => a.Name == property.Name);
            if (argument is null)
            {
                r.Problem(property, $"arguments.{property.Name}", $"{name} has no argument '{property.Name}'");
                continue;
            }

            var asParameter = new ParameterDefinition { Id = 0, Name = argument.Name, Type = argument.Type, Unit = argument.Unit, Range = argument.Range };
            if (r.Value(property.Value, $"arguments.{property.Name}", asParameter) is { } value)
            {
                values[property.Name] = value;
            }
        }

        foreach (ArgumentDefinition missing in definition.Arguments.Where(a => !values.ContainsKey(a.Name) && args?[a.Name] is null))
        {
            r.Problem(args, "arguments", $"{name} needs argument '{missing.Name}'");
        }

        return new CommandStep(name, values, checkTiming, r.Label
            ?? (values.Count == 0 ? null : $"{name} {string.Join(" ", values.Select(v => $"{v.Key}={v.Value}"))}"));
    }

    internal static string Format(double value) => value.ToString("G6", CultureInfo.InvariantCulture);
}
