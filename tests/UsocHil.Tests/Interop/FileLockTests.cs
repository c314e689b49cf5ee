using UsocHil.Interop;

namespace UsocHil.Tests.Interop;

public sealed class FileLockTests
{
    private string _directory = null!;

    private string LockFile => Path.Combine(_directory, "furnace-em.lock");

    [SetUp]
    public void CreateDirectory() => _directory = Directory.CreateTempSubdirectory("usochil-lock-").FullName;

    [TearDown]
    public void DeleteDirectory() => Directory.Delete(_directory, recursive: true);

    [Test]
    public void TryTake_WhileHeld_RefusedNamingTheHolderThenFreeOnceReleased()
    {
        using (FileLock? first = FileLock.TryTake(LockFile, "pid 1, user operator", out _))
        {
            Assert.That(first, Is.Not.Null);
            using FileLock? second = FileLock.TryTake(LockFile, "pid 2", out string? heldBy);
            Assert.That(second, Is.Null, "flock is per open file: a second open, even in this process, is refused");
            Assert.That(heldBy, Is.EqualTo("pid 1, user operator"));
        }

        using FileLock? again = FileLock.TryTake(LockFile, "pid 3", out _);
        Assert.That(again, Is.Not.Null, "released with the first");
        Assert.That(BoundedFile.ReadAllText(LockFile, 100), Is.EqualTo("pid 3\n"), "the holder's text replaces the last one");
    }

    [Test]
    public void TryTake_FileLeftByAProcessThatIsGone_Taken()
    {
        File.WriteAllText(LockFile, "pid 2147483646, user nobody on host gone\n");

        using FileLock? taken = FileLock.TryTake(LockFile, "pid 4", out string? heldBy);

        Assert.That(taken, Is.Not.Null, "the lock, not the text in the file, says whether the rig is held");
        Assert.That(heldBy, Is.Null);
    }

    [TestCase("/dev/zero", "a character device")]
    [TestCase("/dev/full", "a character device")]
    [TestCase("/tmp", "a directory")]
    public void NotRegular_DeviceOrFolder_SaysWhatItIs(string path, string kind) => Assert.That(FileKind.NotRegular(path), Is.EqualTo(kind));

    [Test]
    public void NotRegular_RegularOrMissingFile_IsNull()
    {
        Assert.That(FileKind.NotRegular(LockFile), Is.Null, "missing");
        File.WriteAllText(LockFile, "x");
        Assert.That(FileKind.NotRegular(LockFile), Is.Null, "regular");
    }
}
