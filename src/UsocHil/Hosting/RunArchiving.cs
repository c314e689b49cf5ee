using System.Reflection;
using System.Security.Cryptography;
using Serilog;
using UsocHil.Configuration;
using UsocHil.Reporting;
using UsocHil.Results;
using UsocHil.Sequencing;

namespace UsocHil.Hosting;

/// <summary>
/// A run's place in the results archive: the run is opened in the archive before the rig is touched, every
/// observation is recorded as it happens, and the record is sealed (hashed into the rig's chain) when the run ends and
/// then read back from the archive's path by a reader of its own: a record that cannot be read back is not reported as
/// recorded.
/// </summary>
public sealed class RunArchiving : IAsyncDisposable
{
    private readonly IResultsStore _archive;
    private readonly ILogger _log;
    private readonly string _stationDirectory;
    private readonly Func<CancellationToken, Task<IResultsStore>> _openReader;

    private RunArchiving(IResultsStore archive, RunRecorder recorder, string stationDirectory, Func<CancellationToken, Task<IResultsStore>> openReader, ILogger log)
    {
        _archive = archive;
        _stationDirectory = stationDirectory;
        _openReader = openReader;
        _log = log;
        Observer = new ArchiveRunObserver(recorder, log);
    }

    public ArchiveRunObserver Observer { get; }

    /// <summary>The archive the run is written to, for reading earlier runs (the calibration a unit loaded).</summary>
    public IResultsStore Store => _archive;

    public long RunId => Observer.Recorder.RunId;

    /// <summary>Where the archive is, for messages.</summary>
    public string Path => _archive.Path;

    /// <summary>Completes when the archive can take no more of the run's rows.</summary>
    public Task<ResultsArchiveException> Failure => Observer.Recorder.Failure;

    public static async Task<RunArchiving> BeginAsync(
        string resultsPath, LoadedStation station, LoadedRig rig, string sequenceFile, SequenceApproval approval, string operatorName, TimeProvider wall, TimeProvider rigTime, ILogger log, ResultsStores stores, CancellationToken cancellationToken)
    {
        IResultsStore archive = await stores.OpenAsync(station.Config.ResultsStore, resultsPath, wall, log, create: true, cancellationToken).ConfigureAwait(false);
        try
        {
            var header = new RunHeader
            {
                Rig = rig.Name,
                UnitSerial = rig.Binding.Emulated ? $"emulated-{rig.Binding.Seed}" : null,
                Sequence = System.IO.Path.GetFileNameWithoutExtension(sequenceFile),
                SequenceSha256 = Convert.ToHexStringLower(SHA256.HashData(await File.ReadAllBytesAsync(sequenceFile, cancellationToken).ConfigureAwait(false))),
                StationSha256 = station.Sha256,
                // The informational version carries the commit the harness was built from (SourceLink's "+sha").
                SoftwareVersion = typeof(RunArchiving).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
                    ?? typeof(RunArchiving).Assembly.GetName().Version?.ToString(),
                Operator = operatorName,
                SequenceStatus = approval.Status,
                SequenceValidatedOn = approval.ValidatedOn,
                ItemKind = ItemKind.Of(rig.Binding.Emulated, rig.Definition.Model),
            };
            RunRecorder recorder = await archive.BeginRunAsync(header, rigTime, cancellationToken).ConfigureAwait(false);
            return new RunArchiving(archive, recorder, station.Directory,
                ct => stores.OpenAsync(station.Config.ResultsStore, resultsPath, wall, log, create: false, ct), log);
        }
        catch
        {
            await archive.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Seals the run, hands it to the station's results sinks and, when asked, writes its HTML report; returns the report's path.</summary>
    /// <exception cref="RecordingFailedException">The archive failed during the run, or the sealed record cannot be read back.</exception>
    public async Task<string?> FinishAsync(LoadedRig rig, string? reportDirectory, RunResult result, ResultsSinks sinks, CancellationToken cancellationToken)
    {
        if (Failure.IsCompleted)
        {
            throw Failed((await Failure.ConfigureAwait(false)).InnerException?.Message ?? "it could not take a row", result);
        }

        string hash;
        try
        {
            hash = await Observer.FinishAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (ResultsArchiveException e)
        {
            throw Failed($"the run could not be sealed: {e.InnerException?.Message ?? e.Message}", result, e);
        }

        await ReadBackAsync(hash, result, cancellationToken).ConfigureAwait(false);
        _log.Information("Run {RunId} sealed in the results archive with record hash {Hash}", RunId, hash);
        await sinks.WriteAsync(new SealedRun(RunId, rig.Name, result.Sequence, hash, _stationDirectory, result), _log, cancellationToken).ConfigureAwait(false);
        if (reportDirectory is null)
        {
            return null;
        }

        // The report plots the telemetry; a long run's whole telemetry in memory at once would be the run's peak.
        RunRecord? record = null;
        await _archive.CopyRunAsync(RunId, (run, telemetry, _) =>
        {
            record = run with { Telemetry = PlottedTelemetry.Thin(telemetry.Rows, run.Summary.StartedRig, run.Summary.EndedRig) };
            return Task.CompletedTask;
        }, cancellationToken).ConfigureAwait(false);
        return await HtmlReport.WriteAsync(record!, rig.Definition, reportDirectory, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The sealed run as a fresh reader of the archive's path finds it: a deleted or replaced file does not have it.</summary>
    private async Task ReadBackAsync(string hash, RunResult result, CancellationToken cancellationToken)
    {
        try
        {
            await using IResultsStore reader = await _openReader(cancellationToken).ConfigureAwait(false);
            RunSummary? sealedRun = (await reader.ListRunsAsync(cancellationToken).ConfigureAwait(false)).FirstOrDefault(r => r.Id == RunId);
            if (sealedRun?.RecordHash != hash)
            {
                throw Failed($"run {RunId} sealed with hash {hash[..12]} is {(sealedRun is null ? "not in it" : "different in it")} when read back (the file was deleted or replaced during the run)", result);
            }
        }
        catch (ResultsArchiveException e)
        {
            throw Failed($"run {RunId} cannot be read back: {e.Message}", result, e);
        }
    }

    private RecordingFailedException Failed(string reason, RunResult result, Exception? inner = null) =>
        new(_archive.Path, reason, Observer.Recorder.RowsLost, result, inner);

    public ValueTask DisposeAsync() => _archive.DisposeAsync();
}
