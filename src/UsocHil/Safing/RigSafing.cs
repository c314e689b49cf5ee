using Serilog;
using UsocHil.Rigs;
using UsocHil.Description;

namespace UsocHil.Safing;

/// <summary>
/// Leaves a rig safe whatever state it is in: payload safing commands (the rig's own, such as a heating element off), then every GPIO output to its
/// safe level, then every instrument's safe commands (supply output off). Each action is independent and bounded, so
/// a dead payload link still lets GPIO and the supply switch off; the whole is bounded by the rig's safing budget.
/// Bounds are measured on <paramref name="clock"/>, the wall clock in production, so acceleration cannot shrink them.
/// </summary>
public sealed class RigSafing(TimeProvider clock, ILogger log)
{
    public async Task<SafingReport> SafeAsync(IRigSession? session, RigDefinition rig, Action<SafingAction>? onAction = null)
    {
        long started = clock.GetTimestamp();
        var budget = TimeSpan.FromSeconds(rig.Safing.BudgetSeconds);
        var perAction = TimeSpan.FromSeconds(rig.Safing.ActionTimeoutSeconds);
        var actions = new List<SafingAction>();
        using CancellationTokenSource whole = new CancellationTokenSource(budget, clock);

        async Task RunAsync(string name, Func<CancellationToken, Task> action)
        {
            long actionStarted = clock.GetTimestamp();
            SafingAction result;
            if (session is null)
            {
                result = new SafingAction(name, false, "no rig session (never connected)", TimeSpan.Zero);
            }
            else
            {
                try
                {
                    using CancellationTokenSource bounded = new CancellationTokenSource(perAction, clock);
                    using var linked = CancellationTokenSource.CreateLinkedTokenSource(bounded.Token, whole.Token);
                    await action(linked.Token).WaitAsync(linked.Token).ConfigureAwait(false);
                    result = new SafingAction(name, true, null, clock.GetElapsedTime(actionStarted));
                }
                catch (Exception ex)
                {
                    string error = ex is OperationCanceledException ? "timed out" : ex.Message;
                    result = new SafingAction(name, false, error, clock.GetElapsedTime(actionStarted));
                }
            }

            if (result.Succeeded)
            {
                log.Information("Safing {Action} done in {Duration}", name, result.Duration);
            }
            else
            {
                log.Warning("Safing {Action} failed: {Error}", name, result.Error);
            }

            actions.Add(result);
            onAction?.Invoke(result);
        }

        foreach (string command in rig.Safing.Commands)
        {
            await RunAsync($"command {command}", ct => session!.SendCommandAsync(command, new Dictionary<string, double>(), ct)).ConfigureAwait(false);
        }

        foreach (GpioLineDefinition line in rig.Gpio.Where(l => string.Equals(l.Direction, "output", StringComparison.OrdinalIgnoreCase)))
        {
            await RunAsync($"gpio {line.Name}={(line.Safe ? "asserted" : "released")}", ct => session!.SetLineAsync(line.Name, line.Safe, ct)).ConfigureAwait(false);
        }

        foreach (InstrumentDefinition instrument in rig.Instruments)
        {
            foreach (string command in instrument.Safe)
            {
                await RunAsync($"{instrument.Name} {command}", ct => session!.WriteInstrumentAsync(instrument.Name, command, ct)).ConfigureAwait(false);
            }
        }

        return new SafingReport(actions, clock.GetElapsedTime(started));
    }
}
