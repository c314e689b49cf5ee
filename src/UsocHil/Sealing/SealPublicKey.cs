using System.Security.Cryptography;

namespace UsocHil.Sealing;

/// <summary>A station's public sealing key: what checks a seal's signature, here or at a site that received the archive.</summary>
public sealed class SealPublicKey : IDisposable
{
    private readonly ECDsa _key;

    private SealPublicKey(ECDsa key, string path)
    {
        _key = key;
        Path = path;
    }

    /// <summary>Where the key was read from, for messages.</summary>
    public string Path { get; }

    /// <exception cref="SealingException">The file is missing, unreadable or not a PEM public key.</exception>
    public static SealPublicKey Load(string path)
    {
        string pem;
        try
        {
            var file = new FileInfo(path);
            if (!file.Exists)
            {
                throw new SealingException(path, "no public key here");
            }

            if (file.Length > 64 * 1024)
            {
                throw new SealingException(path, "too large to be a PEM public key");
            }

            pem = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new SealingException(path, e.Message, e);
        }

        return FromPem(pem, path);
    }

    internal static SealPublicKey FromPem(string pem, string path)
    {
        var key = ECDsa.Create();
        try
        {
            key.ImportFromPem(pem);
            return new SealPublicKey(key, path);
        }
        catch (Exception e) when (e is ArgumentException or CryptographicException)
        {
            key.Dispose();
            throw new SealingException(path, "not a PEM EC public key", e);
        }
    }

    /// <summary>True when <paramref name="signature"/> (base64) is this station's signature of <paramref name="statement"/>.</summary>
    public bool Verifies(SealStatement statement, string? signature)
    {
        if (string.IsNullOrEmpty(signature))
        {
            return false;
        }

        byte[] bytes = new byte[(signature.Length * 3 / 4) + 3];
        return Convert.TryFromBase64String(signature, bytes, out int length)
            && _key.VerifyData(statement.ToBytes(), bytes.AsSpan(0, length), HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
    }

    public void Dispose() => _key.Dispose();
}
