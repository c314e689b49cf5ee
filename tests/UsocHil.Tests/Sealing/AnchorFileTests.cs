using UsocHil.Sealing;

namespace UsocHil.Tests.Sealing;

public sealed class AnchorFileTests
{
    private string _dir = null!;

    [SetUp]
    public void SetUp() => _dir = TestDirectories.Create("anchor");

    [TearDown]
    public void TearDown() => Directory.Delete(_dir, recursive: true);

    private static AnchorEntry Entry(long seal, long run) => new(seal, run, "furnace-em", new string((char)('a' + seal), 64), "c2lnbmF0dXJl");

    [Test]
    public void Append_TwoSeals_ReadBackInOrderOneLineEach()
    {
        var anchor = AnchorFile.Beside(Path.Combine(_dir, "results.db"));
        anchor.Append([Entry(1, 1)]);
        anchor.Append([Entry(2, 3)]);

        Assert.That(anchor.Path, Is.EqualTo(Path.Combine(_dir, "results.db.anchor")));
        Assert.That(File.ReadAllLines(anchor.Path), Has.Length.EqualTo(2));
        Assert.That(anchor.Read(), Is.EqualTo(new[] { Entry(1, 1), Entry(2, 3) }));
        Assert.That(anchor.Head(), Is.EqualTo((2L, 3L)));
        Assert.That(anchor.Of(3), Is.EqualTo(Entry(2, 3)));
        Assert.That(anchor.Of(2), Is.Null);
    }

    [TestCase("not json")]
    [TestCase("""{"seal":0,"run":1,"rig":"r","hash":"aa","signature":"x"}""")]
    [TestCase("""{"seal":1,"run":1,"rig":"r"}""")]
    public void Read_LineThatIsNoEntry_ReadAsNullInItsPlace(string line)
    {
        var anchor = new AnchorFile(Path.Combine(_dir, "a.anchor"));
        anchor.Append([Entry(1, 1)]);
        File.AppendAllText(anchor.Path, line + "\n");
        anchor.Append([Entry(2, 2)]);

        Assert.That(anchor.Read(), Is.EqualTo(new[] { Entry(1, 1), null, Entry(2, 2) }));
    }

    [Test]
    public void ToLine_Base64Signature_WrittenAsIsAndReadBack()
    {
        AnchorEntry entry = Entry(1, 1) with { Signature = "ab+/cd==" };

        Assert.That(entry.ToLine(), Does.Contain("\"signature\":\"ab+/cd==\"").And.StartWith("{\"seal\":1,\"run\":1,"));
        Assert.That(AnchorEntry.Parse(entry.ToLine()), Is.EqualTo(entry));
    }

    [Test]
    public void Describe_ShortFormPrintedAfterARun()
    {
        Assert.That(Entry(4, 4).Describe(), Is.EqualTo("seq 4 hash eeeeeeeeeeee… signed"));
    }
}
