using Microsoft.Data.Sqlite;
using UsocHil.Sealing;

namespace UsocHil.Results;

/// <summary>
/// Verifies an archive file without writing to it: a read-only connection, no migration, no recovery of
/// interrupted runs, so a received archive or one under investigation keeps its bytes.
/// </summary>
public static class ArchiveVerifier
{
    /// <exception cref="ResultsArchiveException">The archive, its anchor or the public key cannot be read.</exception>
    public static Task<ChainVerification> VerifyAsync(string archivePath, ChainEvidence evidence, CancellationToken cancellationToken) =>
        Task.Run(
            () =>
            {
                string full = ResultsArchive.RequireFilePath(archivePath);
                if (!File.Exists(full))
                {
                    throw new ResultsArchiveException(full, "no results archive here");
                }

                try
                {
                    using SqliteConnection connection = ResultsArchive.ConnectReader(full);

                    // Deferred: a plain BEGIN takes no write lock, and gives one consistent snapshot to check.
                    using SqliteTransaction snapshot = connection.BeginTransaction(deferred: true);
                    return ChainVerifier.Verify(connection, snapshot, full, evidence, cancellationToken);
                }
                catch (SqliteException e)
                {
                    throw new ResultsArchiveException(full, $"cannot read the results archive: {e.Message}", e);
                }
                catch (SealingException e)
                {
                    throw new ResultsArchiveException(e.Path, e.Reason, e);
                }
            },
            cancellationToken);
}
