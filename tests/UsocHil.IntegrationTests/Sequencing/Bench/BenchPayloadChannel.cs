using UsocHil.FirmwareSim.Furnace;
using UsocHil.Links;
using UsocHil.Rigs;
using UsocHil.Description;

namespace UsocHil.IntegrationTests.Sequencing.Bench;

/// <summary>
/// The payload channel wired straight into an in-process furnace bench, without bytes or packets: runs the engine
/// against the real physics and controller while the protocol stack is tested on its own.
/// </summary>
internal sealed class BenchPayloadChannel : IPayloadChannel, IFurnaceTelemetrySink
{
    private readonly RigDictionary _dictionary;
    private readonly TimeProvider _time;
    private FurnaceBench? _bench;

    public BenchPayloadChannel(RigDictionary dictionary, TimeProvider time)
    {
        _dictionary = dictionary;
        _time = time;
    }

    public event Action<IReadOnlyList<TelemetrySample>>? Housekeeping;
    public event Action<string, DateTimeOffset>? DeviceEvent;
    public event Action<Exception>? Lost;

    public bool Dead { get; private set; }

    public Exception? LostWith => Dead ? new LinkClosedException("bench", "link cut") : null;

    public void Attach(FurnaceBench bench) => _bench = bench;

    /// <summary>Cuts the link as an unplugged adapter would.</summary>
    public void Cut()
    {
        Dead = true;
        Lost?.Invoke(new LinkClosedException("bench", "link cut"));
    }

    void IFurnaceTelemetrySink.Event(FurnaceEvent furnaceEvent) => DeviceEvent?.Invoke(furnaceEvent.Definition.Name, _time.GetUtcNow());

    void IFurnaceTelemetrySink.Housekeeping(HousekeepingSample report)
    {
        if (Dead)
        {
            return;
        }

        // Stamped on arrival by the harness clock, as the real channel does: payload time has its own epoch.
        DateTimeOffset at = _time.GetUtcNow();
        Housekeeping?.Invoke(report.Values.Select(v => new TelemetrySample(v.Definition.Name, v.Value, at)).ToArray());
    }

    public Task<CommandRecord> SendAsync(string command, IReadOnlyDictionary<string, double> arguments, CancellationToken cancellationToken)
    {
        ThrowIfDead();
        CommandDefinition definition = _dictionary.Commands.Single(c => c.Name == command);
        CommandOutcome outcome = _bench!.Run(b =>
        {
            CommandOutcome accepted = b.Controller.Accept();
            if (!accepted.Succeeded)
            {
                return accepted;
            }

            return (definition.Service, definition.Subtype) switch
            {
                (17, 1) => CommandOutcome.Success,
                (8, 1) => b.Controller.ExecuteFunction(definition.FunctionId!.Value, b.HeaterArm),
                (3, 5) => b.Controller.EnableHousekeeping((int)arguments["structureId"], true),
                (3, 6) => b.Controller.EnableHousekeeping((int)arguments["structureId"], false),
                (3, 31) => b.Controller.SetHousekeepingInterval((int)arguments["structureId"], (long)arguments["intervalMs"]),
                _ => CommandOutcome.Failure(1),
            };
        });
        string? failure = outcome.Succeeded ? null : _dictionary.FailureCodes.FirstOrDefault(f => f.Code == outcome.FailureCode)?.Name ?? outcome.ToString();
        return Task.FromResult(new CommandRecord(command, arguments, outcome.Succeeded, TimeSpan.FromMilliseconds(5), TimeSpan.FromMilliseconds(10), failure, _time.GetUtcNow()));
    }

    public Task SetParametersAsync(IReadOnlyDictionary<string, double> values, CancellationToken cancellationToken)
    {
        ThrowIfDead();
        var ids = values.Select(v => (_dictionary.Parameters.Single(p => p.Name == v.Key).Id, (double)(float)v.Value)).ToArray();
        CommandOutcome outcome = _bench!.Run(b => b.Controller.Accept().Succeeded ? b.Controller.SetParameters(ids) : b.Controller.Accept());
        return outcome.Succeeded ? Task.CompletedTask : throw new InvalidOperationException($"SET_PARAMETERS failed: {outcome}");
    }

    public Task<IReadOnlyDictionary<string, double>> ReadParametersAsync(IReadOnlyList<string> names, CancellationToken cancellationToken)
    {
        ThrowIfDead();
        var ids = names.Select(n => _dictionary.Parameters.Single(p => p.Name == n).Id).ToArray();
        var values = new List<ParameterReading>();
        CommandOutcome outcome = _bench!.Run(b => b.Controller.ReportParameters(ids, values));
        return outcome.Succeeded
            ? Task.FromResult<IReadOnlyDictionary<string, double>>(values.ToDictionary(v => v.Definition.Name, v => (double)(float)v.Value))
            : throw new InvalidOperationException($"REPORT_PARAMETERS failed: {outcome}");
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private void ThrowIfDead()
    {
        if (Dead)
        {
            throw new LinkClosedException("bench", "link cut");
        }
    }
}
