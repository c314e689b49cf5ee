namespace UsocHil.Testing;

/// <summary>Scratch folders for tests, under the system's temporary folder.</summary>
public static class TestDirectories
{
    /// <summary>Creates an empty folder named usochil-&lt;purpose&gt;-&lt;random&gt;.</summary>
    public static string Create(string purpose) => Directory.CreateTempSubdirectory($"usochil-{purpose}-").FullName;
}
