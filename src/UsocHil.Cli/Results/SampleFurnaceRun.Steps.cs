using MathNet.Numerics;
using MathNet.Numerics.LinearAlgebra;
using UsocHil.Expectations;
using UsocHil.Results;

namespace UsocHil.Cli.Results;

internal sealed partial class SampleFurnaceRun
{
    private double Seconds => (_clock.GetUtcNow() - _clock.Start).TotalSeconds;

    private ValueTask Transition(string from, string to, string trigger) => _run.RecordTransitionAsync(from, to, trigger, _cancellation);

    /// <summary>Runs one step; with a setpoint, first drives the furnace there and waits until it has settled, returning CONTROL_TEMP from the step's start.</summary>
    private async Task<List<Sample>> StepAsync(string name, string kind, Func<Task<string?>> body, double? setpoint = null)
    {
        int index = _stepIndex++;
        await _run.RecordStepStartedAsync(index, name, kind, _cancellation);
        var response = new List<Sample>();
        if (setpoint is { } target)
        {
            _furnace.Setpoint = target;
            double start = Seconds, stableSince = Seconds;
            response.Add(new Sample(0, _furnace.Temperature));
            while (Seconds - stableSince < 180 && Seconds - start < 6000)
            {
                await TickAsync();
                response.Add(new Sample(Seconds - start, _series["CONTROL_TEMP"][^1].Value));
                if (Math.Abs(_furnace.Temperature - target) > 0.3)
                {
                    stableSince = Seconds;
                }
            }
        }

        string? message = await body();
        await _run.RecordStepEndedAsync(index, "passed", message, _cancellation);
        return response;
    }

    private async Task TickAsync()
    {
        _furnace.Step(TickSeconds);
        _clock.Advance(TimeSpan.FromSeconds(TickSeconds));
        double[] temps = new double[3];
        for (int s = 0; s < 3; s++)
        {
            double raw = _furnace.Raw(s);
            temps[s] = _onboard is null ? raw : Polynomial.Evaluate(raw, _onboard[s]);
        }

        double[] values = [temps[0], temps[1], temps[2], temps.Average(), _furnace.HeaterPowerWatts, _furnace.Setpoint];
        DateTimeOffset now = _clock.GetUtcNow();
        for (int i = 0; i < Traced.Length; i++)
        {
            await _run.RecordTelemetryAsync(now, Traced[i], values[i], _cancellation);
            _series[Traced[i]].Add(new Sample(Seconds, values[i]));
            if (_monitor.Observe(Traced[i], values[i], out LimitTransition t))
            {
                await _run.RecordEventAsync(now, 1000 + (int)t.To, $"LIMIT_{t.To.ToString().ToUpperInvariant()}", t.IsRed ? "high" : "low", $"{t.Parameter}={t.Value:G6}", _cancellation);
            }
        }
    }

    private async Task CommandAsync(string name, int service, int subtype, double acceptedAfter, double completedAfter)
    {
        DateTimeOffset sent = _clock.GetUtcNow();
        var record = new CommandRow
        {
            Time = sent,
            Name = name,
            Service = service,
            Subtype = subtype,
            SequenceCount = _stepIndex,
            Accepted = sent.AddSeconds(acceptedAfter),
            Completed = sent.AddSeconds(completedAfter),
        };
        await _run.RecordCommandAsync(record, _cancellation);
        var timing = new CommandTimingExpectation(_rig.Expectations!.CommandVerification!);
        foreach (JudgedResult r in timing.Evaluate(name, sent, record.Accepted, record.Completed))
        {
            await VerdictAsync(r);
        }
    }

    private async Task<double[]> FitAsync(string sensor, List<(double Raw, double Reference)> points)
    {
        double[] x = points.Select(p => p.Raw).ToArray(), y = points.Select(p => p.Reference).ToArray();
        double[] c = Fit.Polynomial(x, y, 2);
        double[] residuals = x.Select((xi, i) => y[i] - Polynomial.Evaluate(xi, c)).ToArray();
        double ssr = residuals.Sum(r => r * r), mean = y.Average(), sst = y.Sum(v => (v - mean) * (v - mean));
        Matrix<double> design = Matrix<double>.Build.Dense(x.Length, 3, (i, j) => Math.Pow(x[i], j));
        Matrix<double> covariance = (design.TransposeThisAndMultiply(design)).Inverse() * (ssr / (x.Length - 3));
        var product = new CalibrationRow
        {
            Sensor = sensor,
            Coefficients = c,
            Uncertainties = Enumerable.Range(0, 3).Select(j => Math.Sqrt(covariance[j, j])).ToArray(),
            ResidualRms = Math.Sqrt(ssr / x.Length),
            RSquared = 1 - (ssr / sst),
            Points = points.Select((p, i) => new CalibrationPoint(p.Raw, p.Reference, residuals[i])).ToArray(),
        };
        await _run.RecordCalibrationAsync(product, _cancellation);
        var evidence = new Evidence(x, residuals);
        await VerdictAsync(BandExpectation.AtMost($"{sensor} fit residual RMS", sensor, new Tolerance(0.3, 0.5)).Evaluate(product.ResidualRms, "K", evidence));
        return c;
    }

    private async Task<string?> VerifyAsync()
    {
        var errors = new List<Sample>[3] { [], [], [] };
        for (int k = 0; k < 10; k++)
        {
            await TickAsync();
            double reference = _furnace.Reference();
            for (int s = 0; s < 3; s++)
            {
                errors[s].Add(new Sample(Seconds, _series[Thermocouples[s]][^1].Value - reference));
            }
        }

        for (int s = 0; s < 3; s++)
        {
            double error = errors[s].Average(e => e.Value);
            await VerdictAsync(BandExpectation.Around($"{Thermocouples[s]} verification at 500 degC", Thermocouples[s], 0, new Tolerance(0.3, 0.5)).Evaluate(error, "K", Evidence.From(errors[s])));
        }

        return null;
    }

    private async Task EvaluateRunExpectationsAsync()
    {
        foreach (var limit in _rig.Limits.Where(l => _series.ContainsKey(l.Parameter)))
        {
            await VerdictAsync(new LimitExpectation(limit).Evaluate(_series[limit.Parameter]));
        }

        // Redundant sensors are expected to agree once calibrated: from the upload on.
        foreach (var consistency in _rig.Expectations!.Consistency)
        {
            var calibrated = consistency.Parameters.Select(p => (IReadOnlyList<Sample>)_series[p].Skip(_calibratedFrom).ToList()).ToList();
            await VerdictAsync(new SensorAgreementExpectation(consistency).Evaluate(calibrated));
        }
    }

    private async Task VerdictAsync(JudgedResult result)
    {
        _verdicts.Add(result);
        await _run.RecordMeasurementAsync(result, _cancellation);
        await Recorded(result.Expectation);
    }

    private async Task ValueAsync(string name, double value, string unit)
    {
        await _run.RecordValueAsync(name, value, unit, _cancellation);
        await Recorded(name);
    }

    private async Task Recorded(string name)
    {
        if (_options.Recorded is { } recorded)
        {
            await _run.FlushAsync(_cancellation);
            await recorded(name, _cancellation);
        }
    }

    /// <summary>Rig time that moves only when the sample run says so.</summary>
    private sealed class SteppedClock(DateTimeOffset start) : TimeProvider
    {
        private DateTimeOffset _now = start;

        public DateTimeOffset Start { get; } = start;

        public override DateTimeOffset GetUtcNow() => _now;

        public override long GetTimestamp() => (_now - Start).Ticks;

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;

        public void Advance(TimeSpan by) => _now += by;
    }
}
