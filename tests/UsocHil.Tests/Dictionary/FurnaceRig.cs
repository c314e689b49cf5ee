using System.Text.Json;
using UsocHil.Description;

namespace UsocHil.Tests.Dictionary;

/// <summary>rigs/furnace-em/rig.json of this repository, found by walking up from the test assembly.</summary>
internal static class FurnaceRig
{
    private static readonly Lazy<RigDefinition> Rig = new(Load);

    public static RigDefinition Definition => Rig.Value;

    public static string Path { get; } = Locate();

    private static RigDefinition Load() =>
        JsonSerializer.Deserialize<RigDefinition>(File.ReadAllText(Path), new JsonSerializerOptions(JsonSerializerDefaults.Web))!;

    private static string Locate()
    {
        for (DirectoryInfo? dir = new(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string candidate = System.IO.Path.Combine(dir.FullName, "rigs", "furnace-em", "rig.json");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException($"no rigs/furnace-em/rig.json above {AppContext.BaseDirectory}");
    }
}
