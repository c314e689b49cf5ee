namespace UsocHil.IntegrationTests.Results;

/// <summary>Archives of engine runs on the emulated furnace (certify on a factory-fresh unit), copied for each test.</summary>
internal static class SampleArchive
{
    public static Task RecordAsync(string path, int runs, CancellationToken ct) => EngineArchive.CopyAsync("certify", path, ct, runs);
}
