using System.Security.Cryptography;

namespace UsocHil.Sealing;

/// <summary>
/// The station's private sealing key (ECDSA P-256): created on first use as a PEM file only its owner may read, with
/// its public half exported beside it for whoever verifies the station's archives. A key file that group or others
/// may read is refused: a key others can read seals nothing.
/// </summary>
public sealed class StationKey : IDisposable
{
    public const string DirectoryName = "station-key";
    public const string PrivateFileName = "seal.key.pem";
    public const string PublicFileName = "seal.pub.pem";

    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode Exposed = UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute
        | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

    private readonly ECDsa _key;

    private StationKey(ECDsa key, string path)
    {
        _key = key;
        Path = path;
    }

    /// <summary>The private key file.</summary>
    public string Path { get; }

    public string PublicKeyPath => System.IO.Path.Combine(System.IO.Path.GetDirectoryName(Path)!, PublicFileName);

    /// <summary>The key directory a station keeps beside <paramref name="folder"/>.</summary>
    public static string DirectoryIn(string folder) => System.IO.Path.Combine(folder, DirectoryName);

    /// <summary>Loads the key in <paramref name="directory"/>, creating it (owner-only) if there is none yet.</summary>
    public static StationKey LoadOrCreate(string directory)
    {
        string path = System.IO.Path.Combine(directory, PrivateFileName);
        try
        {
            if (!File.Exists(path))
            {
                Create(directory, path);
            }

            return Load(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new SealingException(path, $"cannot use the station's sealing key: {e.Message}", e);
        }
    }

    /// <summary>The signature of <paramref name="statement"/>, base64 (IEEE P1363: r then s).</summary>
    public string Sign(SealStatement statement) =>
        Convert.ToBase64String(_key.SignData(statement.ToBytes(), HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation));

    public SealPublicKey PublicKey() => SealPublicKey.FromPem(_key.ExportSubjectPublicKeyInfoPem(), PublicKeyPath);

    private static StationKey Load(string path)
    {
        if (!OperatingSystem.IsWindows() && (File.GetUnixFileMode(path) & Exposed) != 0)
        {
            throw new SealingException(path, $"the station's sealing key may be read by group or others (mode {Convert.ToString((int)File.GetUnixFileMode(path), 8)}); make it owner-only (chmod 600)");
        }

        var key = ECDsa.Create();
        try
        {
            key.ImportFromPem(File.ReadAllText(path));
        }
        catch (Exception e) when (e is ArgumentException or CryptographicException)
        {
            key.Dispose();
            throw new SealingException(path, "not a PEM EC private key", e);
        }

        return new StationKey(key, path);
    }

    /// <summary>Written under a temporary name and moved into place, so a second process never reads half a key.</summary>
    private static void Create(string directory, string path)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(directory);
        }
        else
        {
            Directory.CreateDirectory(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        using ECDsa key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        string temporary = $"{path}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp";
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = OwnerOnly;
        }

        using (var writer = new StreamWriter(temporary, options))
        {
            writer.Write(key.ExportPkcs8PrivateKeyPem());
        }

        try
        {
            File.Move(temporary, path, overwrite: false);
        }
        catch (IOException) when (File.Exists(path))
        {
            File.Delete(temporary); // another process created the key first: use theirs
            return;
        }

        File.WriteAllText(System.IO.Path.Combine(directory, PublicFileName), key.ExportSubjectPublicKeyInfoPem());
    }

    public void Dispose() => _key.Dispose();
}
