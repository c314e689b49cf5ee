using System.Text.Json;

namespace UsocHil.Tests.Protocols;

/// <summary>The vectors in shared/vectors, found by walking up from the test assembly's folder.</summary>
internal static class OutsideVectors
{
    public static string Folder { get; } = Locate();

    public static JsonDocument Load(string file) => JsonDocument.Parse(File.ReadAllText(Path.Combine(Folder, file)));

    private static string Locate()
    {
        for (DirectoryInfo? dir = new(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, "shared", "vectors");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException($"no shared/vectors above {AppContext.BaseDirectory}");
    }
}
