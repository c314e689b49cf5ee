using Newtonsoft.Json.Linq;
using UsocHil.Description;

namespace UsocHil.Sequencing.Steps;

/// <summary>
/// Switches GPIO output lines and a power supply's output, <c>{"kind":"power","lines":{"POWER_EN":true},"supply":"on"}</c>,
/// and sets the supply's voltage, <c>{"kind":"power","volts":24}</c> (a bus sag the payload must ride out), alone or
/// after the supply's own set-up when it is switched on.
/// </summary>
internal sealed class PowerStep(IReadOnlyList<KeyValuePair<string, bool>> lines, InstrumentDefinition? supply, bool? supplyOn, string? label, double? volts = null) : ISequenceStep
{
    public string Kind => "power";

    public string Label => label ?? string.Join(", ", Describe());

    public TimeSpan? Timeout => TimeSpan.FromSeconds(30);

    public async Task ExecuteAsync(StepContext context, CancellationToken cancellationToken)
    {
        // Supply first when switching on, last when switching off: the payload never sees enable without power.
        if (supply is not null && supplyOn == true)
        {
            foreach (string command in supply.Setup)
            {
                await context.Rig.WriteInstrumentAsync(supply.Name, command, cancellationToken).ConfigureAwait(false);
            }

            await SetVoltsAsync(context, cancellationToken).ConfigureAwait(false);
            await context.Rig.WriteInstrumentAsync(supply.Name, "OUTP ON", cancellationToken).ConfigureAwait(false);
        }
        else if (supply is not null && supplyOn is null)
        {
            await SetVoltsAsync(context, cancellationToken).ConfigureAwait(false);
        }

        foreach (var (line, level) in lines)
        {
            await context.Rig.SetLineAsync(line, level, cancellationToken).ConfigureAwait(false);
        }

        if (supply is not null && supplyOn == false)
        {
            await context.Rig.WriteInstrumentAsync(supply.Name, "OUTP OFF", cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task SetVoltsAsync(StepContext context, CancellationToken cancellationToken)
    {
        if (volts is { } v)
        {
            await context.Rig.WriteInstrumentAsync(supply!.Name, FormattableString.Invariant($"VOLT {v:0.0##}"), cancellationToken).ConfigureAwait(false);
        }
    }

    private IEnumerable<string> Describe()
    {
        if (volts is { } v)
        {
            yield return FormattableString.Invariant($"{supply!.Name} at {v:G4} V");
        }

        if (supplyOn == true)
        {
            yield return $"{supply!.Name} on";
        }

        foreach (var (line, level) in lines)
        {
            yield return $"{line} {(level ? "high" : "low")}";
        }

        if (supplyOn == false)
        {
            yield return $"{supply!.Name} off";
        }
    }

    public static ISequenceStep? Read(StepReader r)
    {
        var lines = new List<KeyValuePair<string, bool>>();
        if (r.Object("lines", required: false) is { } lineObject)
        {
            foreach (JProperty property in lineObject.Properties())
            {
                GpioLineDefinition? line = r.Context.Rig.Gpio.FirstOrDefault(l => l.Name == property.Name);
                if (line is null)
                {
                    r.Problem(property, $"lines.{property.Name}", $"unknown GPIO line '{property.Name}'; {r.Context.Rig.Name} has: {string.Join(", ", r.Context.Rig.Gpio.Select(l => l.Name))}");
                }
                else if (!string.Equals(line.Direction, "output", StringComparison.OrdinalIgnoreCase))
                {
                    r.Problem(property, $"lines.{property.Name}", $"GPIO line '{property.Name}' is an input; only outputs can be driven");
                }
                else if (property.Value.Type != JTokenType.Boolean)
                {
                    r.Problem(property.Value, $"lines.{property.Name}", "wrong type: expected true (asserted) or false");
                }
                else
                {
                    lines.Add(new(property.Name, property.Value.Value<bool>()));
                }
            }
        }

        bool? on = null;
        InstrumentDefinition? supply = null;
        string? state = r.String("supply", required: false);
        double? volts = r.Number("volts", required: false, min: 0);
        if (state is not null)
        {
            on = state switch { "on" => true, "off" => false, _ => null };
            if (on is null)
            {
                r.Problem(r.Json["supply"], "supply", $"'{state}' is not on or off");
            }
            else if (on == false && volts is not null)
            {
                r.Problem(r.Json["volts"], "volts", "volts with supply off: set the voltage while the supply is on");
            }
        }

        if (state is not null || volts is not null)
        {
            string? name = r.String("instrument", required: false);
            supply = name is null
                ? r.Context.Rig.Instruments.FirstOrDefault(i => i.Kind == "power-supply")
                : r.Context.Rig.Instruments.FirstOrDefault(i => i.Name == name);
            if (supply is null)
            {
                r.Problem(r.Json["instrument"] ?? r.Json["supply"] ?? r.Json["volts"], "instrument", name is null ? "the rig has no power-supply instrument" : $"unknown instrument '{name}'");
            }
        }

        if (lines.Count == 0 && on is null && volts is null && !r.HasProblems)
        {
            r.Problem(null, "", "a power step needs lines, supply, volts or a combination");
        }

        return new PowerStep(lines, supply, on, r.Label, volts);
    }
}
