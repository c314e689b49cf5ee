using UsocHil.Cli.Results;
using UsocHil.Results;
using UsocHil.Description;

namespace UsocHil.IntegrationTests.Results;

/// <summary>Fills an archive with sample furnace calibrations in-process (starting the CLI for each would cost seconds).</summary>
internal static class SampleArchive
{
    public static async Task RecordAsync(string path, int runs, CancellationToken ct, SampleRunOptions? options = null)
    {
        RigDefinition rig = ConfigJson.Read<RigDefinition>(TestRigs.FurnaceFile);
        await using ResultsArchive archive = await ResultsArchive.OpenAsync(path, TimeProvider.System, Serilog.Core.Logger.None, ct);
        for (int seed = 1; seed <= runs; seed++)
        {
            await SampleFurnaceRun.RecordAsync(archive, rig, (options ?? new SampleRunOptions()) with { Seed = seed }, ct);
        }
    }
}
