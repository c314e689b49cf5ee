using UsocHil.Results;

namespace UsocHil.Tests.Results;

/// <summary>
/// The canonical JSON a run's seal is computed over never changes with how it is written: a record of every kind of
/// per-step row hashes to the value sealed runs carry, so runs sealed by an earlier harness still verify.
/// </summary>
public sealed class RunHashCanonicalTests
{
    // Computed by the harness before the seal's writer was made cheaper (RunJson with string property names).
    private const string SealedBefore = "75fbd01ce32776595f2bd34aebb80c9930829bc0bc5517e2094d80b51e4effd2";

    private static readonly DateTimeOffset T0 = new(2026, 12, 7, 4, 12, 9, TimeSpan.Zero);

    private static RunRecord Record() => new()
    {
        Summary = new RunSummary
        {
            Id = 7,
            Header = new RunHeader { Rig = "furnace-em", Sequence = "certify", UnitSerial = "FM-002", Operator = "Zoë" },
            StartedRig = T0,
            StartedWall = T0.AddTicks(1234567),
            EndedRig = T0.AddMinutes(70),
            EndedWall = T0.AddSeconds(12.5),
            Outcome = ArchivedOutcome.Failed,
            SealSequence = 3,
            PreviousHash = new string('a', 64),
        },
        Transitions = [new TransitionRow(T0, "Idle", "Connecting", "Start"), new TransitionRow(T0.AddTicks(1), "Connecting", "Running", "Connected")],
        Steps =
        [
            new StepRow(0, "1 ramp to 15 K/min \"fast\"", "set", T0, T0.AddSeconds(1), "passed", null),
            new StepRow(1, "2 soak <plate> & lid", "wait", T0.AddSeconds(1), T0.AddMinutes(69).AddTicks(9999999), "failed", "did not settle: ΔT 0.4 K\n"),
            new StepRow(2, "3 cool", "set", T0.AddMinutes(69), null, null, null),
        ],
        Events = [new EventRow(T0.AddSeconds(2), 5, "heater", "warning", "over-temperature \u0001")],
    };

    [Test]
    public void Compute_RecordOfEveryPerStepRow_HashesAsSealedBefore()
    {
        Assert.That(RunHash.Compute(Record()), Is.EqualTo(SealedBefore));
    }
}
