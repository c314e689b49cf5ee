using Newtonsoft.Json.Linq;
using UsocHil.Configuration;
using UsocHil.Expectations;
using UsocHil.Registration;
using UsocHil.Sequencing;
using UsocHil.Sequencing.Steps;
using UsocHil.Sequencing.Steps.Checks;
using UsocHil.Testing.Fakes;

namespace UsocHil.Tests.Sequencing;

/// <summary>Step and check kinds are registered by name: a sequence may use an extension's kinds, never an unknown one.</summary>
public sealed class StepKindsTests
{
    private static (ISequenceStep? Step, IReadOnlyList<ConfigurationProblem> Problems) Read(string json, StepKinds kinds)
    {
        var context = new SequenceBuildContext("test.json", TestRigs.Furnace(), kinds: kinds);
        ISequenceStep? step = StepFactory.Read(JObject.Parse(json), "$.steps[0]", context);
        return (step, context.Problems);
    }

    [Test]
    public void An_unknown_step_kind_is_a_problem_listing_the_registered_kinds()
    {
        var (_, problems) = Read("""{ "kind": "dwell" }""", StepKinds.CreateDefault());

        Assert.That(problems.Single().Message, Is.EqualTo(
            "unknown step kind 'dwell'; known kinds: command, fit, identify, inhibit, mark, model, optimise, power, prompt, raw, restore, sample, set, sweep, threshold, upload, verify, wait"));
    }

    [Test]
    public void A_built_in_step_kind_cannot_be_registered_again() =>
        Assert.That(() => StepKinds.CreateDefault().Add("WAIT", _ => null),
            Throws.TypeOf<RegistrationException>().With.Message.EqualTo("a step kind named 'WAIT' is already registered"));

    [Test]
    public void An_extension_step_kind_reads_its_own_fields_and_its_mistakes_are_reported()
    {
        StepKinds kinds = StepKinds.CreateDefault().Add("dwell", r => r.Seconds("seconds", required: true) is { } s ? DelegateStep.Ok($"dwell {s.TotalSeconds}") : null);

        var (step, problems) = Read("""{ "kind": "dwell", "seconds": 3 }""", kinds);
        var (_, mistakes) = Read("""{ "kind": "dwell", "seconds": 3, "minutes": 1 }""", kinds);

        Assert.That(problems, Is.Empty);
        Assert.That(step!.Label, Is.EqualTo("dwell 3"));
        Assert.That(mistakes.Single().JsonPath, Is.EqualTo("$.steps[0].minutes"));
    }

    [Test]
    public void An_unknown_check_kind_lists_the_registered_ones_with_the_extension_s()
    {
        var kinds = StepKinds.CreateDefault(CheckKinds.CreateDefault().Add("glow", _ => null));

        var (_, problems) = Read("""{ "kind": "verify", "checks": [ { "check": "speed" } ] }""", kinds);

        Assert.That(problems.Single().Message, Is.EqualTo("unknown check 'speed'; known: agreement, consistency, disturbance, dynamics, glow, housekeeping-rate, robustness, value"));
    }

    [Test]
    public void A_built_in_check_kind_cannot_be_registered_again() =>
        Assert.That(() => CheckKinds.CreateDefault().Add("value", _ => null), Throws.TypeOf<RegistrationException>());

    [Test]
    public async Task An_extension_check_kind_is_evaluated_by_the_verify_step()
    {
        var kinds = StepKinds.CreateDefault(CheckKinds.CreateDefault().Add("always", r => new AlwaysCheck(r.Number("value") ?? double.NaN)));
        var (step, problems) = Read("""{ "kind": "verify", "checks": [ { "check": "always", "value": 7 } ] }""", kinds);
        Assert.That(problems, Is.Empty);

        await using var session = new FakeRigSession(TestRigs.Furnace(), TimeProvider.System);
        var run = new SequenceRun(new SequencePlan { Name = "t", Version = "1", Steps = [step!] }, session.Rig, _ => Task.FromResult<UsocHil.Rigs.IRigSession>(session),
            new RunOptions { AssumeYes = true }, new CollectingObserver(), TimeProvider.System, new UsocHil.Safing.RigSafing(TimeProvider.System, Serilog.Core.Logger.None), Serilog.Core.Logger.None);

        RunResult result = await run.RunAsync(CancellationToken.None);

        Assert.That(result.Measurements.Single(m => m.Name == "always").Value, Is.EqualTo(7));
    }

    private sealed class AlwaysCheck(double value) : IVerifyCheck
    {
        public string Label => "always";

        public Task<IReadOnlyList<JudgedResult>> EvaluateAsync(StepContext context, CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyList<JudgedResult>>([JudgedResult.Holds("always", [], value, null, true, "always passes")]);
    }
}
