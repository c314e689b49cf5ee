using UsocHil.Results;

namespace UsocHil.Tests.Results;

/// <summary>A run is alive exactly while its writer holds its lock file: no process ID is consulted.</summary>
public sealed class WriterLockTests
{
    private string _dir = null!;

    private string Archive => Path.Combine(_dir, "results.db");

    [SetUp]
    public void SetUp() => _dir = TestDirectories.Create("locks");

    [TearDown]
    public void TearDown() => Directory.Delete(_dir, recursive: true);

    [Test]
    public void IsHeld_WhileTheWriterHoldsIt_TrueAndFalseOnceReleased()
    {
        string owner;
        using (WriterLock writer = WriterLock.Take(Archive))
        {
            owner = writer.Owner;
            Assert.That(WriterLock.IsHeld(Archive, owner), Is.True);
        }

        Assert.That(WriterLock.IsHeld(Archive, owner), Is.False);
    }

    [Test]
    public void IsHeld_LockFileLeftByADeadWriter_False()
    {
        Directory.CreateDirectory(WriterLock.DirectoryFor(Archive));
        File.WriteAllText(Path.Combine(WriterLock.DirectoryFor(Archive), "writer-1-dead.lock"), "host/1/1\n");

        Assert.That(WriterLock.IsHeld(Archive, "writer-1-dead.lock"), Is.False);
    }

    [TestCase(null)]
    [TestCase("")]
    [TestCase("myhost/1/12345")]
    [TestCase("../results.db")]
    public void IsHeld_OwnerThatNamesNoLockFile_False(string? owner)
    {
        Assert.That(WriterLock.IsHeld(Archive, owner), Is.False);
    }
}
