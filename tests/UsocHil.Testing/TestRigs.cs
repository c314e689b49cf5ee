using UsocHil.Configuration;
using UsocHil.Description;
using UsocHil.Sequencing;

namespace UsocHil.Testing;

/// <summary>The repository's own rigs, loaded as usoc-hil loads them (schema, checks), by name.</summary>
public static class TestRigs
{
    public const string FurnaceName = "furnace-em";

    public static string FurnaceDirectory => RepositoryPaths.RigDirectory(FurnaceName);

    public static string FurnaceFile => RepositoryPaths.RigFile(FurnaceName);

    /// <summary>rigs/furnace-em/rig.json, freshly loaded.</summary>
    public static RigDefinition Furnace() => Load(FurnaceName);

    public static RigDefinition Load(string rig) => RigLoader.Load(RepositoryPaths.RigFile(rig));

    /// <summary>One of the rig's shipped sequences (rigs/&lt;rig&gt;/sequences/&lt;name&gt;.json), planned for it.</summary>
    public static SequencePlan Sequence(RigDefinition rig, string name) =>
        SequenceLoader.Load(Path.Combine(RepositoryPaths.RigDirectory(rig.Name), "sequences", name + ".json"), rig);
}
