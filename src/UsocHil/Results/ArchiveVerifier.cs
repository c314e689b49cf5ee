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
                string full = Path.GetFullPath(archivePath);
                if (!File.Exists(full))
                {
                    throw new ResultsArchiveException(full, "no results archive here");
                }

                try
                {
                    using var connection = new SqliteConnection(new SqliteConnectionStringBuilder
                    {
                        DataSource = full,
                        Mode = SqliteOpenMode.ReadOnly,
                        Pooling = false,
                        DefaultTimeout = 30,
                    }.ToString());
                    connection.Open();
                    using (var schema = connection.CreateCommand())
                    {
                        schema.CommandText = "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'";
                        if ((long)schema.ExecuteScalar()! == 0)
                        {
                            throw new ResultsArchiveException(full, "not a UsocHil results archive (no schema_version table)");
                        }
                    }

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
