namespace UsocHil.Sequencing.Steps;

/// <summary>Notes the rig time under a name, so a later verify step can look at the telemetry since then: <c>{"kind":"mark","name":"ramp-start"}</c>.</summary>
internal sealed class MarkStep(string name) : ISequenceStep
{
    public string Kind => "mark";

    public string Label => name;

    public TimeSpan? Timeout => null;

    public Task ExecuteAsync(StepContext context, CancellationToken cancellationToken)
    {
        context.Data.Mark(name, context.Now);
        return Task.CompletedTask;
    }

    public static ISequenceStep? Read(StepReader r)
    {
        string? name = r.String("name");
        if (name is not null)
        {
            r.Context.Marks.Add(name);
        }

        return name is null ? null : new MarkStep(name);
    }
}
