namespace UsocHil.FirmwareSim.Plant;

/// <summary>Builds a block from its model.json definition, by kind.</summary>
internal static class PlantBlocks
{
    public const string Kinds = "formula, lag, integrator, rate-limit, saturation, map, sensor, latch, pid";

    public static PlantBlock Create(BlockDefinition d, int slot, string where, PlantModel model, Random random)
    {
        Func<double[], double> Required(string? formula, string field) =>
            formula is null ? throw new PlantDefinitionException($"{where}.{field}", $"a {d.Kind} block needs {field}") : model.Compile(formula, $"{where}.{field}");
        Func<double[], double>? Optional(string? formula, string field) => formula is null ? null : model.Compile(formula, $"{where}.{field}");

        return d.Kind switch
        {
            "formula" => new FormulaBlock(slot, Required(d.Input, "input")),
            "lag" => new LagBlock(slot, d.Initial, Required(d.Input, "input"), Required(d.Seconds, "seconds"), d.Exact),
            "integrator" => new IntegratorBlock(slot, d.Initial, Required(d.Input, "input"), Optional(d.Min, "min"), Optional(d.Max, "max")),
            "rate-limit" => new RateLimitBlock(slot, d.Initial, Required(d.Input, "input"), Required(d.Rate, "rate")),
            "saturation" => new SaturationBlock(slot, Required(d.Input, "input"), Optional(d.Min, "min"), Optional(d.Max, "max")),
            "map" => d.Points is { Count: >= 2 } points && points.All(p => p.Count == 2) && points.Zip(points.Skip(1)).All(p => p.First[0] < p.Second[0])
                ? new MapBlock(slot, Required(d.Input, "input"), points)
                : throw new PlantDefinitionException($"{where}.points", "a map needs two or more [input, output] points in rising input order"),
            "sensor" => new SensorBlock(slot, Required(d.Input, "input"), d.Noise, d.Quantum, new Random(random.Next())),
            "latch" => new LatchBlock(slot, d.Initial, Required(d.Set, "set"), Optional(d.Reset, "reset")),
            "pid" => d.Derivative is not (PidBlock.OnError or PidBlock.OnMeasurement)
                ? throw new PlantDefinitionException($"{where}.derivative", $"'{d.Derivative}' is not {PidBlock.OnError} or {PidBlock.OnMeasurement}")
                : d.Integral is not (PidBlock.ErrorSum or PidBlock.OutputSum)
                ? throw new PlantDefinitionException($"{where}.integral", $"'{d.Integral}' is not {PidBlock.ErrorSum} or {PidBlock.OutputSum}")
                : d.DerivativeFilterSeconds < 0
                ? throw new PlantDefinitionException($"{where}.derivativeFilterSeconds", "a filter time constant cannot be negative")
                : new PidBlock(slot, new PidBlock.Terms(
                Required(d.Setpoint, "setpoint"), Required(d.Measurement, "measurement"), Required(d.Kp, "kp"),
                Optional(d.Ki, "ki") ?? (_ => 0), Optional(d.Kd, "kd") ?? (_ => 0), Optional(d.Enable, "enable"), Optional(d.Min, "min"), Optional(d.Max, "max"),
                d.Derivative == PidBlock.OnMeasurement, d.DerivativeFilterSeconds, d.Integral == PidBlock.OutputSum)),
            _ => throw new PlantDefinitionException($"{where}.kind", $"unknown block kind '{d.Kind}'; known: {Kinds}"),
        };
    }
}
