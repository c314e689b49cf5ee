using System.Text.Json;

namespace UsocHil.Tests.Protocols;

/// <summary>The outside vectors kept in the repository's test data (tests/data/vectors, see its PROVENANCE.md).</summary>
internal static class OutsideVectors
{
    public static string Folder => RepositoryPaths.Vectors;

    public static JsonDocument Load(string file) => JsonDocument.Parse(File.ReadAllText(Path.Combine(Folder, file)));
}
