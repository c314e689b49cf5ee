using System.Security.Cryptography;
using Serilog;
using UsocHil.Configuration;
using UsocHil.Reporting;
using UsocHil.Results;

namespace UsocHil.Hosting;

/// <summary>
/// A run's place in the results archive: the run is opened in the archive before the rig is touched, every
/// observation is recorded as it happens, and the record is sealed (hashed into the rig's chain) when the run ends.
/// </summary>
public sealed class RunArchiving : IAsyncDisposable
{
    private readonly ResultsArchive _archive;
    private readonly ILogger _log;

    private RunArchiving(ResultsArchive archive, RunRecorder recorder, ILogger log)
    {
        _archive = archive;
        _log = log;
        Observer = new ArchiveRunObserver(recorder, log);
    }

    public ArchiveRunObserver Observer { get; }

    public long RunId => Observer.Recorder.RunId;

    public static async Task<RunArchiving> BeginAsync(
        string resultsPath, LoadedStation station, LoadedRig rig, string sequenceFile, TimeProvider wall, TimeProvider rigTime, ILogger log, CancellationToken cancellationToken)
    {
        ResultsArchive archive = await ResultsArchive.OpenAsync(resultsPath, wall, log, cancellationToken).ConfigureAwait(false);
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
                Operator = Environment.UserName,
            };
            RunRecorder recorder = await archive.BeginRunAsync(header, rigTime, cancellationToken).ConfigureAwait(false);
            return new RunArchiving(archive, recorder, log);
        }
        catch
        {
            await archive.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Seals the run and, when asked, writes its HTML report; returns the report's path.</summary>
    public async Task<string?> FinishAsync(LoadedRig rig, string? reportDirectory, CancellationToken cancellationToken)
    {
        string hash = await Observer.FinishAsync(cancellationToken).ConfigureAwait(false);
        _log.Information("Run {RunId} sealed in the results archive with record hash {Hash}", RunId, hash);
        if (reportDirectory is null)
        {
            return null;
        }

        RunRecord record = await _archive.ReadRunAsync(RunId, cancellationToken).ConfigureAwait(false);
        return await HtmlReport.WriteAsync(record, rig.Definition, reportDirectory, cancellationToken).ConfigureAwait(false);
    }

    public ValueTask DisposeAsync() => _archive.DisposeAsync();
}
