using System.Security.Cryptography;
using Serilog;
using UsocHil.Configuration;
using UsocHil.Reporting;
using UsocHil.Results;
using UsocHil.Sequencing;

namespace UsocHil.Hosting;

/// <summary>
/// A run's place in the results archive: the run is opened in the archive before the rig is touched, every
/// observation is recorded as it happens, and the record is sealed (hashed into the rig's chain) when the run ends.
/// </summary>
public sealed class RunArchiving : IAsyncDisposable
{
    private readonly IResultsStore _archive;
    private readonly ILogger _log;
    private readonly string _stationDirectory;

    private RunArchiving(IResultsStore archive, RunRecorder recorder, string stationDirectory, ILogger log)
    {
        _archive = archive;
        _stationDirectory = stationDirectory;
        _log = log;
        Observer = new ArchiveRunObserver(recorder, log);
    }

    public ArchiveRunObserver Observer { get; }

    public long RunId => Observer.Recorder.RunId;

    public static async Task<RunArchiving> BeginAsync(
        string resultsPath, LoadedStation station, LoadedRig rig, string sequenceFile, string operatorName, TimeProvider wall, TimeProvider rigTime, ILogger log, ResultsStores stores, CancellationToken cancellationToken)
    {
        IResultsStore archive = await stores.OpenAsync(station.Config.ResultsStore, resultsPath, wall, log, create: true, cancellationToken).ConfigureAwait(false);
        try
        {
            var header = new RunHeader
            {
                Rig = rig.Name,
                UnitSerial = rig.Binding.Emulated ? $"emulated-{rig.Binding.Seed}" : null,
                Sequence = Path.GetFileNameWithoutExtension(sequenceFile),
                SequenceSha256 = Convert.ToHexStringLower(SHA256.HashData(await File.ReadAllBytesAsync(sequenceFile, cancellationToken).ConfigureAwait(false))),
                StationSha256 = station.Sha256,
                SoftwareVersion = typeof(RunArchiving).Assembly.GetName().Version?.ToString(),
                Operator = operatorName,
            };
            RunRecorder recorder = await archive.BeginRunAsync(header, rigTime, cancellationToken).ConfigureAwait(false);
            return new RunArchiving(archive, recorder, station.Directory, log);
        }
        catch
        {
            await archive.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Seals the run, hands it to the station's results sinks and, when asked, writes its HTML report; returns the report's path.</summary>
    public async Task<string?> FinishAsync(LoadedRig rig, string? reportDirectory, RunResult result, ResultsSinks sinks, CancellationToken cancellationToken)
    {
        string hash = await Observer.FinishAsync(cancellationToken).ConfigureAwait(false);
        _log.Information("Run {RunId} sealed in the results archive with record hash {Hash}", RunId, hash);
        await sinks.WriteAsync(new SealedRun(RunId, rig.Name, result.Sequence, hash, _stationDirectory, result), _log, cancellationToken).ConfigureAwait(false);
        if (reportDirectory is null)
        {
            return null;
        }

        RunRecord record = await _archive.ReadRunAsync(RunId, cancellationToken).ConfigureAwait(false);
        return await HtmlReport.WriteAsync(record, rig.Definition, reportDirectory, cancellationToken).ConfigureAwait(false);
    }

    public ValueTask DisposeAsync() => _archive.DisposeAsync();
}
