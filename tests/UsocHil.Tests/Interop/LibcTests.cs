using System.Runtime.InteropServices;
using UsocHil.Interop.Libc;

namespace UsocHil.Tests.Interop;

public sealed class LibcTests
{
    [Test]
    public void Termios_Layout_MatchesGlibc()
    {
        Assert.That(Marshal.SizeOf<Libc.Termios>(), Is.EqualTo(60));
        Assert.That(Marshal.OffsetOf<Libc.Termios>(nameof(Libc.Termios.ISpeed)).ToInt32(), Is.EqualTo(52));
    }

    [TestCase(9600, 13u)]
    [TestCase(115200, 0x1002u)]
    [TestCase(921600, 0x1007u)]
    [TestCase(4000000, 0x100Fu)]
    public void BaudConstants_StandardRate_IsTermiosCode(int baud, uint code)
    {
        Assert.That(BaudConstants.TryGet(baud, out uint actual), Is.True);
        Assert.That(actual, Is.EqualTo(code));
    }

    [Test]
    public void BaudConstants_NonStandardRate_NotFound() => Assert.That(BaudConstants.TryGet(12345, out _), Is.False);

    [Test]
    public void OpenPty_RawSubordinate_ReadsBackRawFlags()
    {
        Assert.That(Libc.OpenPty(out int controller, out int subordinate, 0, 0, 0), Is.Zero);
        using var c = new DescriptorHandle(controller);
        using var s = new DescriptorHandle(subordinate);
        Assert.That(Libc.TcGetAttr(subordinate, out Libc.Termios termios), Is.Zero);
        Libc.CfMakeRaw(ref termios);
        Assert.That(Libc.TcSetAttr(subordinate, Libc.TCSANOW, termios), Is.Zero);

        Assert.That(Libc.TcGetAttr(subordinate, out Libc.Termios back), Is.Zero);
        Assert.That(back.LFlag & 0x8u, Is.Zero, "ECHO off");
        Assert.That(back.LFlag & 0x2u, Is.Zero, "ICANON off");
    }
}
