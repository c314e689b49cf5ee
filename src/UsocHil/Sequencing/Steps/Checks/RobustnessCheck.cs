using UsocHil.Control;
using UsocHil.Expectations;

namespace UsocHil.Sequencing.Steps.Checks;

/// <summary>
/// The loop made of an identified model and the PID gains the unit holds now is robust: sensitivity peak Ms, phase
/// margin and gain margin within bounds. The gains are read back from the unit, so the check judges what was applied.
/// Usual bounds (Åström and Hägglund, Advanced PID Control, ISA 2006, §4.2 and §7: Ms between 1.2 and 2; a phase
/// margin of 30° to 60° and a gain margin of 2 to 5) are the defaults; marginal bounds are optional.
/// </summary>
internal sealed class RobustnessCheck(string model, IReadOnlyList<string> gains, double derivativeFilterSeconds, Tolerance maxSensitivityPeak,
    (double Nominal, double Hard) minPhaseMarginDegrees, (double Nominal, double Hard) minGainMargin) : IVerifyCheck
{
    public string Label => $"robustness of the loop around model '{model}' with {string.Join(", ", gains)}";

    public async Task<IReadOnlyList<JudgedResult>> EvaluateAsync(StepContext context, CancellationToken cancellationToken)
    {
        if (!context.Data.TryGetModel(model, out StepFit? identified) || identified is null)
        {
            throw new StepFailedException(context.Path, $"model '{model}' was never identified");
        }

        StepFit fit = identified;

        IReadOnlyDictionary<string, double> read = await context.Rig.ReadParametersAsync(gains, cancellationToken).ConfigureAwait(false);
        double[] k = gains.Select(g => read.TryGetValue(g, out double v) ? v : double.NaN).ToArray();
        if (k.Any(double.IsNaN))
        {
            throw new StepFailedException(context.Path, $"the unit did not report {string.Join(", ", gains.Where(g => !read.ContainsKey(g)))}");
        }

        var controller = new PidForm(k[0], k[1], k[2], derivativeFilterSeconds);
        LoopMargins margins = LoopMargins.Of(fit.Model, controller);
        string[] parameters = [.. gains];
        string loop = $"{gains[0]} {k[0]:G4}, {gains[1]} {k[1]:G4}, {gains[2]} {k[2]:G4} (derivative filter {derivativeFilterSeconds:G3} s) around '{model}' "
            + $"(K {fit.Model.Gain:G4}, T {fit.Model.TimeConstantSeconds:G4} s, T2 {fit.Model.LagSeconds:G3} s, L {fit.Model.DeadTimeSeconds:G3} s)";
        context.Log.Information("Loop {Loop}: Ms {Ms:G4}, phase margin {Pm:G4} deg at {Wc:G3} rad/s, gain margin {Gm:G4} at {W180:G3} rad/s",
            loop, margins.SensitivityPeak, margins.PhaseMarginDegrees, margins.CrossoverRadiansPerSecond, margins.GainMargin, margins.PhaseCrossoverRadiansPerSecond);

        var (msVerdict, msMargin) = Judge.AtMost(margins.SensitivityPeak, maxSensitivityPeak);
        var (pmVerdict, pmMargin) = Judge.Band(margins.PhaseMarginDegrees, minPhaseMarginDegrees.Nominal, null, minPhaseMarginDegrees.Hard);
        var (gmVerdict, gmMargin) = Judge.Band(margins.GainMargin, minGainMargin.Nominal, null, minGainMargin.Hard);
        string crossover = double.IsNaN(margins.CrossoverRadiansPerSecond) ? "|L| never falls to 1" : $"crossover {margins.CrossoverRadiansPerSecond:G3} rad/s";
        string phaseCrossover = margins.GainMarginBounded ? $"phase crossover {margins.PhaseCrossoverRadiansPerSecond:G3} rad/s" : "the phase never reaches -180°: at least this";
        return
        [
            Result($"{model} sensitivity peak Ms", msVerdict, margins.SensitivityPeak, null, null, maxSensitivityPeak.Nominal, maxSensitivityPeak.Hard, msMargin,
                $"Ms = max|1/(1+L)| <= {maxSensitivityPeak.Nominal:G3}; {loop}", parameters),
            Result($"{model} phase margin", pmVerdict, margins.PhaseMarginDegrees, "deg", minPhaseMarginDegrees.Nominal, null, minPhaseMarginDegrees.Hard, pmMargin,
                $"phase margin >= {minPhaseMarginDegrees.Nominal:G3} deg, {crossover}; {loop}", parameters),
            Result($"{model} gain margin", gmVerdict, margins.GainMargin, null, minGainMargin.Nominal, null, minGainMargin.Hard, gmMargin,
                $"gain margin >= {minGainMargin.Nominal:G3} ({20 * Math.Log10(minGainMargin.Nominal):F1} dB), {phaseCrossover}; {loop}", parameters),
        ];
    }

    private static JudgedResult Result(string name, Verdict verdict, double measured, string? unit, double? low, double? high, double? hard, double margin, string message, IReadOnlyList<string> parameters) => new()
    {
        Expectation = name,
        Parameters = parameters,
        Verdict = verdict,
        Measured = measured,
        Unit = unit,
        Low = low,
        High = high,
        HardLow = low is null ? null : hard,
        HardHigh = high is null ? null : hard,
        Margin = double.IsFinite(margin) ? margin : double.NaN,
        Message = message,
        Evidence = Evidence.Of(0, measured),
    };

    public static IVerifyCheck? Read(StepReader r)
    {
        string? model = r.String("model");
        if (model is not null && !r.Context.Models.Contains(model))
        {
            r.Problem(r.Json["model"], "model", $"no model step before this one is named '{model}'");
        }

        IReadOnlyList<string> gains = r.Strings("gains") ?? [];
        for (int i = 0; i < gains.Count; i++)
        {
            r.Parameter(r.Json["gains"]![i]!, $"gains[{i}]", gains[i]);
        }

        if (r.Json["gains"] is not null && gains.Count != 3)
        {
            r.Problem(r.Json["gains"], "gains", "expected the three gain parameters: proportional, integral, derivative");
        }

        double filter = r.Number("derivativeFilterSeconds", required: false, min: 0) ?? 0;
        double ms = r.Number("maxSensitivityPeak", required: false, min: 1) ?? 2;
        double pm = r.Number("minPhaseMarginDegrees", required: false, min: 0, max: 180) ?? 30;
        double gm = r.Number("minGainMargin", required: false, min: 1) ?? 2;
        double msHard = ms, pmHard = pm, gmHard = gm;
        if (r.Object("marginal", required: false) is { } marginal)
        {
            StepReader inner = r.Inner(marginal, "marginal");
            msHard = inner.Number("maxSensitivityPeak", required: false, min: ms) ?? ms;
            pmHard = inner.Number("minPhaseMarginDegrees", required: false, min: 0, max: pm) ?? pm;
            gmHard = inner.Number("minGainMargin", required: false, min: 1, max: gm) ?? gm;
            inner.Finish();
        }

        return model is null || gains.Count != 3 ? null : new RobustnessCheck(model, gains, filter, new Tolerance(ms, msHard), (pm, pmHard), (gm, gmHard));
    }
}
