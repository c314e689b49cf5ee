using System.Collections.Concurrent;
using UsocHil.Configuration;
using UsocHil.Extensions;
using UsocHil.FirmwareSim.Hosting;
using UsocHil.Hosting;
using UsocHil.Sealing;
using UsocHil.Sequencing;

namespace UsocHil.Testing;

/// <summary>
/// Archives made by the engine: a furnace sequence run once per test process through the run host on the emulated
/// furnace (a factory-fresh unit, the given faults), each test handed its own copy of the sealed archive to read,
/// export or break.
/// </summary>
public static class EngineArchive
{
    /// <summary>Fast enough that certify takes seconds, slow enough that every timing expectation still holds.</summary>
    public const double TimeScale = 400;

    private static readonly ConcurrentDictionary<string, Lazy<Task<Recorded>>> s_runs = new(StringComparer.Ordinal);

    /// <summary>One run as the engine left it: the archive file and the run's id in it.</summary>
    public sealed record Recorded(string Archive, long RunId, RunResult Result);

    /// <summary>
    /// Copies the archive of <paramref name="sequence"/> (run <paramref name="runs"/> times in a row, with
    /// <paramref name="faults"/>) to <paramref name="destination"/>, with what goes with it: its anchor
    /// (<c>destination.anchor</c>) and the station key that sealed it (<c>station-key/</c> beside it, owner-only);
    /// returns the last run's id.
    /// </summary>
    public static async Task<long> CopyAsync(string sequence, string destination, CancellationToken cancellationToken, int runs = 1, IReadOnlyList<string>? faults = null)
    {
        Recorded recorded = await RunAsync(sequence, runs, faults ?? []).WaitAsync(cancellationToken).ConfigureAwait(false);
        string folder = Path.GetDirectoryName(Path.GetFullPath(destination))!;
        Directory.CreateDirectory(folder);
        File.Copy(recorded.Archive, destination, overwrite: true);
        File.Copy(recorded.Archive + ".anchor", destination + ".anchor", overwrite: true);
        string keys = Path.Combine(Path.GetDirectoryName(recorded.Archive)!, StationKey.DirectoryName);
        Directory.CreateDirectory(Path.Combine(folder, StationKey.DirectoryName));
        foreach (string key in Directory.GetFiles(keys))
        {
            string copy = Path.Combine(folder, StationKey.DirectoryName, Path.GetFileName(key));
            File.Copy(key, copy, overwrite: true);
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(copy, File.GetUnixFileMode(key));
            }
        }

        return recorded.RunId;
    }

    /// <summary>The archive of <paramref name="runs"/> runs of <paramref name="sequence"/> with <paramref name="faults"/>, made on first use.</summary>
    public static Task<Recorded> RunAsync(string sequence, int runs, IReadOnlyList<string> faults) =>
        s_runs.GetOrAdd($"{sequence}|{runs}|{string.Join(",", faults)}", _ => new Lazy<Task<Recorded>>(() => Task.Run(() => RecordAsync(sequence, runs, faults)))).Value;

    private static async Task<Recorded> RecordAsync(string sequence, int runs, IReadOnlyList<string> faults)
    {
        // Kept for the process's life: every test copies from it.
        TemporaryStation station = TemporaryStation.EmulatedFurnace(seed: 1, TimeScale, faults);
        SequenceLoader.RegisterWithConfiguration();
        LoadedStation loaded = StationLoader.Load(station.StationFile);
        string archive = Path.Combine(station.Directory, "engine.db");
        var request = new HostedRunRequest(loaded, TestRigs.FurnaceName, sequence, Registries(), AssumeYes: true, ResultsPath: archive);
        HostedRun? run = null;
        for (int i = 0; i < runs; i++)
        {
            RunHost host = RunHost.Prepare(request, TimeProvider.System, TextWriter.Null);
            run = await host.RunAsync([], Serilog.Core.Logger.None).ConfigureAwait(false);
        }

        return new Recorded(archive, run!.RunId, run.Result);
    }

    private static Registries Registries()
    {
        Registries registries = Extensions.Registries.CreateDefault();
        registries.Emulators.AddFirmwareSimEmulators();
        return registries;
    }
}
