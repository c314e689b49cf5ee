using System.Globalization;

namespace UsocHil.Sequencing.Steps;

/// <summary>
/// Reads the item's identity and what it loaded at power-up, from the unit itself, so the record names the unit under
/// test on real hardware as on an emulator: the serial parameter becomes the run's unit serial, and every other
/// parameter (calibration coefficients, gains, software versions) is recorded as "configuration: NAME":
/// <c>{"kind":"identify","serial":"SERIAL_NUMBER","parameters":["TC1_C0","PID_KP"]}</c>.
/// </summary>
internal sealed class IdentifyStep(string serial, IReadOnlyList<string> parameters, string? label) : ISequenceStep
{
    /// <summary>The name prefix of the configuration values it records.</summary>
    public const string Prefix = "configuration: ";

    public string Kind => "identify";

    public string Label => label ?? $"unit identity ({serial}) and loaded configuration";

    public TimeSpan? Timeout => TimeSpan.FromSeconds(60);

    public async Task ExecuteAsync(StepContext context, CancellationToken cancellationToken)
    {
        IReadOnlyDictionary<string, double> read = await context.Rig.ReadParametersAsync([serial, .. parameters], cancellationToken).ConfigureAwait(false);
        string unit = read[serial].ToString("R", CultureInfo.InvariantCulture);
        context.Observer.OnUnitIdentified(unit, context.Now);
        context.Record(Measurement.Recorded(context.Path, Prefix + serial, read[serial], null, context.Now, "read from the unit at power-up"));
        foreach (string parameter in parameters)
        {
            context.Record(Measurement.Recorded(context.Path, Prefix + parameter, read[parameter], context.UnitOf(parameter), context.Now, "loaded by the unit at power-up"));
        }

        context.Log.Information("Unit {Serial} identified; loaded {Configuration}", unit, parameters.ToDictionary(p => p, p => read[p]));
    }

    public static ISequenceStep? Read(StepReader r)
    {
        r.Parameter("serial");
        string? serial = r.String("serial");
        IReadOnlyList<string> parameters = r.Strings("parameters", required: false) ?? [];
        for (int i = 0; i < parameters.Count; i++)
        {
            r.Parameter(r.Json["parameters"]![i]!, $"parameters[{i}]", parameters[i]);
        }

        return serial is null ? null : new IdentifyStep(serial, parameters, r.Label);
    }
}
