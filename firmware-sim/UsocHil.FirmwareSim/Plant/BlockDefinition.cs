using System.Text.Json.Serialization;

namespace UsocHil.FirmwareSim.Plant;

/// <summary>
/// One element of the model, defining the signal <see cref="Name"/>: formula, lag, integrator, rate-limit,
/// saturation, map, sensor, latch or pid. Which fields apply depends on the kind (see schemas/model.schema.json).
/// </summary>
public sealed record BlockDefinition
{
    public required string Name { get; init; }
    public required string Kind { get; init; }

    public string? Description { get; init; }

    [JsonConverter(typeof(FormulaConverter))]
    public string? Input { get; init; }

    /// <summary>Initial value (integrators, lags, rate limits, latches).</summary>
    public double Initial { get; init; }

    [JsonConverter(typeof(FormulaConverter))]
    public string? Min { get; init; }

    [JsonConverter(typeof(FormulaConverter))]
    public string? Max { get; init; }

    /// <summary>
    /// Lag: advance each step with the exact solution of the first-order stage (<c>1 - exp(-dt/seconds)</c>), so the
    /// step size changes only the sampling; otherwise forward Euler (<c>dt/seconds</c>).
    /// </summary>
    public bool Exact { get; init; }

    /// <summary>Lag: the time constant.</summary>
    [JsonConverter(typeof(FormulaConverter))]
    public string? Seconds { get; init; }

    /// <summary>Rate limit: the largest change per second.</summary>
    [JsonConverter(typeof(FormulaConverter))]
    public string? Rate { get; init; }

    /// <summary>Map: [input, output] points in rising input order, joined by straight lines, held flat beyond the ends.</summary>
    public IReadOnlyList<IReadOnlyList<double>>? Points { get; init; }

    /// <summary>Sensor: Gaussian noise sigma and quantisation step.</summary>
    public double Noise { get; init; }

    public double Quantum { get; init; }

    /// <summary>Latch: becomes 1 when set is true, 0 when reset is true (set wins).</summary>
    [JsonConverter(typeof(FormulaConverter))]
    public string? Set { get; init; }

    [JsonConverter(typeof(FormulaConverter))]
    public string? Reset { get; init; }

    /// <summary>PID: setpoint, measurement, gains (usually dictionary parameters) and enable; output within min/max.</summary>
    [JsonConverter(typeof(FormulaConverter))]
    public string? Setpoint { get; init; }

    [JsonConverter(typeof(FormulaConverter))]
    public string? Measurement { get; init; }

    [JsonConverter(typeof(FormulaConverter))]
    public string? Kp { get; init; }

    [JsonConverter(typeof(FormulaConverter))]
    public string? Ki { get; init; }

    [JsonConverter(typeof(FormulaConverter))]
    public string? Kd { get; init; }

    [JsonConverter(typeof(FormulaConverter))]
    public string? Enable { get; init; }

    /// <summary>PID: what the derivative term differentiates, <c>error</c> (default) or <c>measurement</c> (a setpoint step does not kick the output).</summary>
    public string Derivative { get; init; } = PidBlock.OnError;

    /// <summary>PID: time constant of a first-order filter on what is differentiated (0: none).</summary>
    public double DerivativeFilterSeconds { get; init; }

    /// <summary>
    /// PID: <c>error-sum</c> (default) keeps the integral of the error, multiplied by the current Ki; <c>output-sum</c>
    /// accumulates Ki·error·dt in output units within [min, max], so a gain change does not bump the output.
    /// </summary>
    public string Integral { get; init; } = PidBlock.ErrorSum;
}
