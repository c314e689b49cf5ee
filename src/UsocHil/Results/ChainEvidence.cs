using UsocHil.Sealing;

namespace UsocHil.Results;

/// <summary>What an archive is checked against: its anchor and the station's public key (by default those beside it).</summary>
/// <param name="AnchorFile">The anchor; null for the one beside the archive (<c>results.db.anchor</c>).</param>
/// <param name="PublicKeyFile">The sealing station's public key; null for <c>station-key/seal.pub.pem</c> beside the archive.</param>
public sealed record ChainEvidence(string? AnchorFile = null, string? PublicKeyFile = null)
{
    /// <summary>True when the anchor was named (a copy from elsewhere): then a missing file is an error, not damage.</summary>
    public bool AnchorNamed => AnchorFile is not null;

    public static ChainEvidence BesideTheArchive { get; } = new();

    public AnchorFile Anchor(string archivePath) => AnchorFile is null ? Sealing.AnchorFile.Beside(archivePath) : new Sealing.AnchorFile(AnchorFile);

    public string PublicKey(string archivePath) =>
        PublicKeyFile ?? Path.Combine(StationKey.DirectoryIn(Path.GetDirectoryName(archivePath)!), StationKey.PublicFileName);
}
