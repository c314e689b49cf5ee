using UsocHil.Sealing;

namespace UsocHil.Tests.Sealing;

[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class StationKeyTests
{
    private string _dir = null!;

    private string Keys => Path.Combine(_dir, StationKey.DirectoryName);

    [SetUp]
    public void SetUp() => _dir = TestDirectories.Create("keys");

    [TearDown]
    public void TearDown() => Directory.Delete(_dir, recursive: true);

    [Test]
    public void LoadOrCreate_FirstUse_CreatesAnOwnerOnlyKeyAndExportsItsPublicHalf()
    {
        using StationKey key = StationKey.LoadOrCreate(Keys);

        Assert.That(File.GetUnixFileMode(key.Path), Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite));
        Assert.That(File.GetUnixFileMode(Keys) & (UnixFileMode.GroupRead | UnixFileMode.OtherRead), Is.EqualTo(UnixFileMode.None));
        Assert.That(File.ReadAllText(key.PublicKeyPath), Does.StartWith("-----BEGIN PUBLIC KEY-----"));
        Assert.That(Directory.GetFiles(Keys).Select(Path.GetFileName), Is.EquivalentTo(new[] { StationKey.PrivateFileName, StationKey.PublicFileName }));
    }

    [Test]
    public void LoadOrCreate_SecondUse_SignsWithTheSameKey()
    {
        var statement = new SealStatement(3, 7, new string('a', 64));
        string signature;
        using (StationKey first = StationKey.LoadOrCreate(Keys))
        {
            signature = first.Sign(statement);
        }

        using StationKey again = StationKey.LoadOrCreate(Keys);
        using SealPublicKey exported = SealPublicKey.Load(again.PublicKeyPath);
        Assert.That(exported.Verifies(statement, signature), Is.True);
        Assert.That(exported.Verifies(statement, again.Sign(statement)), Is.True);
    }

    [TestCase(0b110_100_000)]
    [TestCase(0b110_000_100)]
    [TestCase(0b110_110_110)]
    public void LoadOrCreate_KeyReadableByGroupOrOthers_RefusedNamingTheFile(int mode)
    {
        string path;
        using (StationKey key = StationKey.LoadOrCreate(Keys))
        {
            path = key.Path;
        }

        File.SetUnixFileMode(path, (UnixFileMode)mode);

        var e = Assert.Throws<SealingException>(() => StationKey.LoadOrCreate(Keys));
        Assert.That(e!.Path, Is.EqualTo(path));
        Assert.That(e.Message, Does.Contain("group or others").And.Contain("chmod 600").And.Not.Contain("\n"));
    }

    [Test]
    public void Verifies_AnyFieldOfTheStatementChanged_False()
    {
        using StationKey key = StationKey.LoadOrCreate(Keys);
        using SealPublicKey publicKey = key.PublicKey();
        var statement = new SealStatement(3, 7, new string('a', 64));
        string signature = key.Sign(statement);

        Assert.That(publicKey.Verifies(statement, signature), Is.True);
        Assert.That(publicKey.Verifies(statement with { Sequence = 4 }, signature), Is.False);
        Assert.That(publicKey.Verifies(statement with { RunId = 8 }, signature), Is.False);
        Assert.That(publicKey.Verifies(statement with { RecordHash = new string('b', 64) }, signature), Is.False);
        Assert.That(publicKey.Verifies(statement, null), Is.False);
        Assert.That(publicKey.Verifies(statement, "not base64!"), Is.False);
    }

    [Test]
    public void Verifies_AnotherStationsSignature_False()
    {
        using StationKey ours = StationKey.LoadOrCreate(Keys);
        using StationKey theirs = StationKey.LoadOrCreate(Path.Combine(_dir, "elsewhere"));
        var statement = new SealStatement(1, 1, new string('c', 64));

        using SealPublicKey publicKey = ours.PublicKey();
        Assert.That(publicKey.Verifies(statement, theirs.Sign(statement)), Is.False);
    }

    [Test]
    public void Load_NotAKey_OneLineNamingTheFile()
    {
        string path = Path.Combine(_dir, "junk.pem");
        File.WriteAllText(path, "hello");

        var e = Assert.Throws<SealingException>(() => SealPublicKey.Load(path));
        Assert.That(e!.Message, Is.EqualTo($"{path}: not a PEM EC public key"));
    }
}
