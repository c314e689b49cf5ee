using Microsoft.Extensions.Time.Testing;
using UsocHil.Expectations;
using UsocHil.Results;
using UsocHil.Sequencing;
using RigCommand = UsocHil.Rigs.CommandRecord;
using RigTelemetry = UsocHil.Rigs.TelemetrySample;
using SequencingProduct = UsocHil.Sequencing.CalibrationProduct;

namespace UsocHil.Tests.Results;

public sealed class ArchiveRunObserverTests
{
    [Test]
    [CancelAfter(30_000)]
    public async Task Observer_WhatARunReports_IsArchivedAndSealed(CancellationToken ct)
    {
        string dir = TestDirectories.Create("results");
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 25, 9, 0, 0, TimeSpan.Zero));
        DateTimeOffset t = clock.GetUtcNow();
        await using (ResultsArchive archive = await ResultsArchive.OpenAsync(Path.Combine(dir, "r.db"), clock, Serilog.Core.Logger.None, ct))
        {
            RunRecorder recorder = await archive.BeginRunAsync(new RunHeader { Rig = "furnace-em", Sequence = "certify" }, clock, ct);
            var observer = new ArchiveRunObserver(recorder, Serilog.Core.Logger.None);
            var step = new StepProgress("1", 0, 1, "verify", "check agreement", t);
            var agree = new SensorAgreementExpectation("thermocouples-agree", ["TC1_TEMP", "TC2_TEMP", "TC3_TEMP"], Tolerance.Exactly(2))
                .Evaluate([[new Sample(0, 500)], [new Sample(0, 509)], [new Sample(0, 500.5)]]);

            observer.OnTransition(new RunTransition(RunState.Idle, RunState.Connecting, RunTrigger.Start, t, null));
            observer.OnStepStarted(step);
            observer.OnTelemetry(new RigTelemetry("TC1_TEMP", 500, t.AddSeconds(1)));
            observer.OnMeasurement(Measurement.Of("1", agree, t.AddSeconds(2)));
            observer.OnMeasurement(Measurement.Within("1", "supply current", ["PSU_CURRENT"], 3.2, "A", 0, 3, t.AddSeconds(2)));
            observer.OnCommand(new RigCommand("HEATER_ON", new Dictionary<string, double>(), true, TimeSpan.FromSeconds(0.2), TimeSpan.FromSeconds(1), null, t.AddSeconds(3)));
            observer.OnCalibration(new SequencingProduct("poly2", "TC1_TEMP", [0.1, 1.001, 0], [0.01, 0.0001, 0], [200, 400], [200.3, 400.5], [0.01, -0.01], 0.99999, t));
            observer.OnEvent(new RunEvent("device", "high", "OVER_TEMPERATURE", t.AddSeconds(4)));
            observer.OnStepFinished(step, StepStatus.Failed, "TC2_TEMP disagrees");
            observer.OnRunFinished(new RunResult { Sequence = "certify", FinalState = RunState.Completed, Outcome = UsocHil.Sequencing.RunOutcome.VerdictFailed, Measurements = [], RigDuration = TimeSpan.FromMinutes(1) });
            await observer.FinishAsync(ct);

            RunRecord run = await archive.ReadRunAsync(recorder.RunId, ct);
            Assert.That(run.Summary.Outcome, Is.EqualTo(UsocHil.Results.ArchivedOutcome.Failed));
            Assert.That(run.Transitions.Single().Trigger, Is.EqualTo("Start"));
            Assert.That(run.Steps.Single().Outcome, Is.EqualTo("failed"));
            Assert.That(run.Measurements.Select(m => (m.StepIndex, m.Judged?.Verdict)), Is.EqualTo(new (int?, Verdict?)[] { (0, Verdict.Fail), (0, Verdict.Fail) }));
            Assert.That(run.Measurements[0].Judged!.Culprit, Is.EqualTo("TC2_TEMP"));
            Assert.That(run.Measurements[1].Judged!.Margin, Is.EqualTo(-0.2).Within(1e-9));
            Assert.That(run.Commands.Single().Accepted, Is.EqualTo(t.AddSeconds(3.2)));
            Assert.That(run.Calibrations.Single().Points, Has.Count.EqualTo(2));
            Assert.That(run.Telemetry.Single().Value, Is.EqualTo(500));
            Assert.That(run.Events.Single().Data, Is.EqualTo("OVER_TEMPERATURE"));
            Assert.That((await archive.VerifyAsync(ct)).Intact, Is.True);
        }

        Directory.Delete(dir, recursive: true);
    }
}
