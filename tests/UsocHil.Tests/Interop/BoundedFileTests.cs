using UsocHil.Configuration;
using UsocHil.Interop;

namespace UsocHil.Tests.Interop;

public class BoundedFileTests
{
    private string _directory = null!;

    [SetUp]
    public void CreateDirectory() => _directory = Directory.CreateTempSubdirectory("usochil-bounded-").FullName;

    [TearDown]
    public void DeleteDirectory() => Directory.Delete(_directory, recursive: true);

    [Test]
    public void A_file_within_the_limit_is_read_whole()
    {
        string file = Path.Combine(_directory, "station.json");
        File.WriteAllText(file, "{ \"station\": \"bench\" }");

        Assert.That(BoundedFile.ReadAllText(file, 1024), Is.EqualTo("{ \"station\": \"bench\" }"));
    }

    [Test]
    public void A_device_that_never_ends_is_refused_at_the_limit_instead_of_filling_memory()
    {
        var e = Assert.Throws<IOException>(() => BoundedFile.ReadAllText("/dev/zero", 4096));

        Assert.That(e!.Message, Is.EqualTo("larger than the 4,096 bytes such a file may have"));
    }

    [Test]
    [CancelAfter(10_000)]
    public void A_fifo_with_no_writer_is_refused_at_once_instead_of_waiting_forever()
    {
        string fifo = Path.Combine(_directory, "sequence.json");
        Assert.That(UsocHil.Interop.Libc.Libc.MkFifo(fifo, Convert.ToUInt32("600", 8)), Is.Zero);

        var e = Assert.Throws<IOException>(() => BoundedFile.ReadAllText(fifo, 4096));

        Assert.That(e!.Message, Does.StartWith("not a regular file"));
        UsocHil.Testing.ReliabilityRecord.Write("bad input", "a FIFO with no writer as a configuration file", 1, "refused at once as not a regular file; no hang");
    }

    [Test]
    public void A_station_file_that_is_a_device_gets_one_line_naming_the_file()
    {
        var e = Assert.Throws<ConfigurationException>(() => StationLoader.Load("/dev/zero"));

        Assert.That(e!.Problems, Has.Count.EqualTo(1));
        Assert.That(e.Message, Does.Contain("zero").And.Contain("cannot read: larger than the 4,194,304 bytes"));
        UsocHil.Testing.ReliabilityRecord.Write("bad input", "/dev/zero as the station file", 1, "one line naming the file and the 4 MiB limit; read stops at the limit");
    }
}
