using UsocHil.Expectations;

namespace UsocHil.Sequencing.Steps;

/// <summary>
/// Scores a step response recorded after a mark: overshoot (K), settling time into ±band (s; the whole window plus a
/// penalty when it never settles) and the integral of absolute error (K·s), each weighted:
/// <c>{"objective":{"parameter":"CHAMBER_PRESSURE","since":"step","seconds":400,"target":"$base + 10","band":0.5,"weights":{"overshoot":20,"settling":0.1,"iae":0.01}}}</c>.
/// </summary>
internal sealed record StepResponseObjective(string Parameter, string Since, TimeSpan Window, ValueExpression Target, double Band, double OvershootWeight, double SettlingWeight, double IaeWeight)
{
    public (double Value, StepResponse Response) Evaluate(StepContext context, VariableScope scope)
    {
        if (!context.Data.TryGetMark(Since, out DateTimeOffset from))
        {
            throw new StepFailedException(context.Path, $"the evaluation never reached mark '{Since}'");
        }

        double target = Target.Evaluate(scope);
        Sample[] samples = context.Rig.Telemetry.History(Parameter, from)
            .Where(s => s.RigTime - from <= Window)
            .Select(s => new Sample((s.RigTime - from).TotalSeconds, s.Value)).ToArray();
        StepResponse response = StepResponse.Measure(samples, target, Band);
        double iae = 0;
        for (int i = 1; i < samples.Length; i++)
        {
            iae += Math.Abs(samples[i].Value - target) * (samples[i].Seconds - samples[i - 1].Seconds);
        }

        double settling = response.Settled && response.HeldSeconds > 0 ? response.SettlingSeconds : Window.TotalSeconds * 2;
        double overshoot = double.IsNaN(response.Overshoot) ? 100 : response.Overshoot;
        return ((OvershootWeight * overshoot) + (SettlingWeight * settling) + (IaeWeight * iae), response);
    }

    public static StepResponseObjective? Read(StepReader r)
    {
        if (r.Object("objective") is not { } obj)
        {
            return null;
        }

        StepReader o = r.Inner(obj, "objective");
        var parameter = o.Parameter("parameter");
        string? since = o.String("since");
        TimeSpan? window = o.Seconds("seconds", required: true, min: 1);
        ValueExpression? target = o.Value("target");
        double band = o.Number("band", required: false, min: 0) ?? 0.5;
        double wO = 10, wS = 0.1, wI = 0.01;
        if (o.Object("weights", required: false) is { } weights)
        {
            StepReader w = o.Inner(weights, "weights");
            wO = w.Number("overshoot", required: false, min: 0) ?? wO;
            wS = w.Number("settling", required: false, min: 0) ?? wS;
            wI = w.Number("iae", required: false, min: 0) ?? wI;
            w.Finish();
        }

        if (since is not null && !r.Context.Marks.Contains(since))
        {
            o.Problem(obj["since"], "since", $"no mark step in the evaluation is named '{since}'");
        }

        o.Finish();
        return parameter is null || since is null || window is null || target is null || o.HasProblems
            ? null
            : new StepResponseObjective(parameter.Name, since, window.Value, target, band, wO, wS, wI);
    }
}
