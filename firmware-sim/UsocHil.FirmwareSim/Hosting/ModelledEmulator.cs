using System.Text.Json;
using UsocHil.Emulation;
using UsocHil.FirmwareSim.Faults;
using UsocHil.FirmwareSim.Modelled;
using UsocHil.FirmwareSim.Plant;

namespace UsocHil.FirmwareSim.Hosting;

/// <summary>
/// Starts the emulator of a rig whose rig.json says <c>"emulator": "model"</c>: its payload, instruments and lines
/// from the dictionary and the rig's <c>model.json</c>. No rig needs C# of its own for it.
/// </summary>
internal static class ModelledEmulator
{
    public const string ModelFile = "model.json";

    private static readonly JsonSerializerOptions s_json = new(JsonSerializerDefaults.Web)
    {
        ReadCommentHandling = JsonCommentHandling.Skip,
        UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow,
    };

    public static IEmulatedRig Start(EmulatorStart start)
    {
        string path = Path.Combine(start.RigDirectory ?? throw new EmulationException(start.RigName, $"rig '{start.RigName}': the model emulator needs the rig's folder to find its {ModelFile}"), ModelFile);
        try
        {
            PlantDefinition model = Load(path);
            return EmulatedModelledRig.Start(start, new ModelledBenchOptions
            {
                Rig = start.Rig,
                Model = model,
                SerialNumber = start.Seed,
                Faults = FaultPlan.Parse(start.Faults),
                TruthPath = start.TruthFile,
                EepromPath = start.StateFile,
                TickPeriod = BenchTick.For(start.Time, start.TimeScale),
            });
        }
        catch (FaultSpecException e)
        {
            throw new EmulationException(start.RigName, e.Message);
        }
        catch (PlantDefinitionException e)
        {
            throw new EmulationException(start.RigName, $"{path}: {e.Message}");
        }
    }

    /// <exception cref="PlantDefinitionException">The file is missing or not a model.</exception>
    public static PlantDefinition Load(string path)
    {
        try
        {
            return JsonSerializer.Deserialize<PlantDefinition>(File.ReadAllText(path), s_json)
                ?? throw new PlantDefinitionException("(file)", "empty model");
        }
        catch (FileNotFoundException)
        {
            throw new PlantDefinitionException("(file)", "no such file; a rig emulated from its model needs one");
        }
        catch (JsonException e)
        {
            throw new PlantDefinitionException(e.Path ?? "(file)", e.Message);
        }
    }
}
