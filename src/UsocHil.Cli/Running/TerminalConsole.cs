using Spectre.Console;
using UsocHil.Hosting;
using UsocHil.Sequencing;

namespace UsocHil.Cli.Running;

/// <summary>
/// The operator at the terminal usoc-hil runs in: a prompt step shows its question, what happens next and the keys
/// (y confirm, n refuse, a abort); at any time h holds the run at the next step boundary, r resumes it and a aborts.
/// Lines (Spectre markup) go to <paramref name="say"/>: above the live panel through its redraw loop, else straight out.
/// </summary>
internal sealed class TerminalConsole(Action<string> say, TimeProvider wall) : IOperatorConsole, IRunObserver
{
    public const string Keys = "Keys: h hold at the next step boundary, r resume, a abort (the rig is made safe)";

    private readonly Lock _gate = new();
    private TaskCompletionSource<OperatorAnswer>? _pending;

    public async Task AttendAsync(OperatorControls run, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            while (System.Console.KeyAvailable)
            {
                Handle(char.ToLowerInvariant(System.Console.ReadKey(intercept: true).KeyChar), run);
            }

            await Task.Delay(TimeSpan.FromMilliseconds(50), wall, cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task<OperatorAnswer> AskAsync(OperatorQuestion question, CancellationToken cancellationToken)
    {
        var answer = new TaskCompletionSource<OperatorAnswer>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate)
        {
            _pending = answer;
        }

        Say($"[bold yellow]Operator prompt[/] at step {Markup.Escape(question.Step)}: [bold]{Markup.Escape(question.Message)}[/]");
        if (question.Next is { } next)
        {
            Say($"  On confirm the run goes on with {Markup.Escape(next)}");
        }

        Say("  [bold]y[/] confirm   [bold]n[/] refuse (the rig is made safe, the run fails)   [bold]a[/] abort (the rig is made safe)");
        if (question.Timeout is { } t)
        {
            Say($"  No answer within {t.TotalSeconds.ToString("G4", System.Globalization.CultureInfo.InvariantCulture)} s (wall time) makes the rig safe");
        }
        await using CancellationTokenRegistration withdrawn = cancellationToken.Register(() =>
        {
            if (answer.TrySetCanceled(cancellationToken))
            {
                Say($"  Prompt at step {Markup.Escape(question.Step)} closed (answered elsewhere, timed out or the run moved on)");
            }
        });
        try
        {
            OperatorAnswer given = await answer.Task.ConfigureAwait(false);
            Say($"  Answered: {Markup.Escape(given.Describe())}");
            return given;
        }
        finally
        {
            lock (_gate)
            {
                if (_pending == answer)
                {
                    _pending = null;
                }
            }
        }
    }

    public void OnTransition(RunTransition transition)
    {
        if (transition.Destination == RunState.Held)
        {
            Say("[bold yellow]Run held[/]: no step runs, the rig stays as the last step left it, limits and watchdogs stay armed. [bold]r[/] resume, [bold]a[/] abort");
        }
        else if (transition.Source == RunState.Held && transition.Trigger == RunTrigger.Resume)
        {
            Say("Run resumed");
        }
    }

    private void Handle(char key, OperatorControls run)
    {
        TaskCompletionSource<OperatorAnswer>? pending;
        lock (_gate)
        {
            pending = _pending;
        }

        OperatorDecision? decision = key switch { 'y' => OperatorDecision.Confirm, 'n' => OperatorDecision.Refuse, 'a' => OperatorDecision.Abort, _ => null };
        if (pending is not null && decision is { } d)
        {
            pending.TrySetResult(new OperatorAnswer(d, run.Operator, "terminal", wall.GetUtcNow()));
            return;
        }

        switch (key)
        {
            case 'h':
                Say(run.Hold("terminal") ? "Hold requested: the run holds once the step under way is done ([bold]r[/] resumes)" : "Hold refused (see the run's events)");
                break;
            case 'r':
                if (!run.Resume("terminal"))
                {
                    Say("Nothing to resume: the run is not held");
                }

                break;
            case 'a':
                run.Abort("terminal");
                break;
        }
    }

    private void Say(string markup) => say(markup);
}
