using UsocHil.Description;
using UsocHil.FirmwareSim.Furnace;
using UsocHil.FirmwareSim.Plant;

namespace UsocHil.FirmwareSim.Onboard;

/// <summary>
/// The service 8 functions: the dictionary's function IDs bound to model.json's behaviours (requirements that refuse,
/// states set, parameters stored to the EEPROM). A function the dictionary lists and the model does not describe
/// succeeds doing nothing.
/// </summary>
internal sealed class FunctionTable
{
    private readonly Dictionary<int, Function> _byId = [];
    private readonly PlantModel _plant;
    private readonly OnboardSoftware _software;

    public FunctionTable(RigDefinition rig, PlantModel plant, OnboardSoftware software)
    {
        _plant = plant;
        _software = software;
        Dictionary<string, CommandDefinition> commands = rig.Dictionary.Commands.Where(c => c is { Service: 8, FunctionId: not null }).ToDictionary(c => c.Name, StringComparer.Ordinal);
        foreach (string name in plant.Definition.Functions.Keys.Where(n => !commands.ContainsKey(n)))
        {
            throw new PlantDefinitionException($"functions.{name}", "not a service 8 command of the rig's dictionary");
        }

        foreach (CommandDefinition command in commands.Values)
        {
            FunctionDefinition definition = plant.Definition.Functions.GetValueOrDefault(command.Name) ?? new FunctionDefinition();
            string where = $"functions.{command.Name}";
            var require = definition.Require.Select((r, i) =>
            {
                int code = rig.Dictionary.FailureCodes.FirstOrDefault(f => f.Name == r.Failure)?.Code
                    ?? throw new PlantDefinitionException($"{where}.require[{i}].failure", $"'{r.Failure}' is not a failure code of the rig's dictionary");
                return (plant.Compile(r.When, $"{where}.require[{i}].when"), code);
            }).ToList();
            foreach (string stored in definition.Store.Where(s => !(rig.Dictionary.Parameters.FirstOrDefault(p => p.Name == s)?.Settable ?? false)))
            {
                throw new PlantDefinitionException($"{where}.store", $"'{stored}' is not a settable parameter");
            }

            Func<double[], double>? until = definition.CompleteWhen is string w ? plant.Compile(w, $"{where}.completeWhen") : null;
            _byId[command.FunctionId!.Value] = new Function(definition, require, software.Assignments(definition.Set, $"{where}.set"), until);
        }
    }

    public bool Has(int functionId) => _byId.ContainsKey(functionId);

    public TimeSpan CompletionDelay(int functionId) =>
        TimeSpan.FromSeconds(_byId.TryGetValue(functionId, out Function? f) && f.Definition.CompletionSeconds is double s ? s : _plant.Definition.Verification.CompletionSeconds);

    public CommandOutcome Execute(int functionId)
    {
        Function function = _byId[functionId];
        foreach ((Func<double[], double> when, int code) in function.Require)
        {
            if (when(_plant.Values) == 0)
            {
                return CommandOutcome.Failure(code, functionId);
            }
        }

        _software.Apply(function.Set);
        if (function.Definition.Store.Count > 0)
        {
            _software.Eeprom.Store(function.Definition.Store.Select(name => new KeyValuePair<string, double>(name, _plant[name])));
        }

        return CommandOutcome.Success;
    }

    /// <summary>The condition the function's completion waits for, or null.</summary>
    public Func<double[], double>? CompleteWhen(int functionId) => _byId.TryGetValue(functionId, out Function? f) ? f.Until : null;

    private sealed record Function(
        FunctionDefinition Definition,
        List<(Func<double[], double> When, int Code)> Require,
        List<(int Slot, Func<double[], double> Value)> Set,
        Func<double[], double>? Until);
}
