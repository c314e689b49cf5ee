using UsocHil.Links.Tracing;

namespace UsocHil.Tests.Links;

public sealed class HexDumpTests
{
    [Test]
    public void Format_ShortPacket_OffsetHexAndAscii()
    {
        string dump = HexDump.Format([0x18, 0x64, 0x41, 0x42, 0x0a]);
        Assert.That(dump, Does.StartWith("0000  18 64 41 42 0a "));
        Assert.That(dump, Does.EndWith(" .dAB."));
    }

    [Test]
    public void Format_SeventeenBytes_TwoLines()
    {
        string[] lines = HexDump.Format(new byte[17]).Split('\n');
        Assert.That(lines, Has.Length.EqualTo(2));
        Assert.That(lines[1], Does.StartWith("0010  00 "));
    }

    [Test]
    public void Format_BeyondLimit_Truncated()
    {
        string dump = HexDump.Format(new byte[HexDump.MaxBytes + 100]);
        Assert.That(dump, Does.EndWith("100 more bytes"));
    }
}
