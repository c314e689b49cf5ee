using System.Text.Json;
using UsocHil.Description;

namespace UsocHil.FirmwareSim.Furnace;

/// <summary>
/// The furnace's rig.json as the firmware was built against it: embedded at build time, as a real controller has its
/// dictionary compiled in. A host may pass another definition (a station's copy) instead.
/// </summary>
public static class FurnaceRigDefinition
{
    public const string ResourceName = "UsocHil.FirmwareSim.Furnace.rig.json";

    private static readonly Lazy<RigDefinition> Embedded = new(Load);

    public static RigDefinition Default => Embedded.Value;

    public static RigDefinition Parse(string json) =>
        JsonSerializer.Deserialize<RigDefinition>(json, new JsonSerializerOptions(JsonSerializerDefaults.Web) { AllowTrailingCommas = true })
        ?? throw new InvalidDataException("rig.json is empty");

    private static RigDefinition Load()
    {
        using Stream stream = typeof(FurnaceRigDefinition).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"the firmware was built without its {ResourceName}");
        using var reader = new StreamReader(stream);
        return Parse(reader.ReadToEnd());
    }
}
