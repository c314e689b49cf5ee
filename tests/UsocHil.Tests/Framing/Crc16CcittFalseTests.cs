using System.Runtime.Intrinsics.X86;
using UsocHil.Framing;

namespace UsocHil.Tests.Framing;

/// <summary>The folded and the sliced CRC against the textbook bit-at-a-time one, at every length around the 16-octet blocks.</summary>
public sealed class Crc16CcittFalseTests
{
    [Test]
    public void Compute_EveryLengthUpTo300_MatchesBitwiseReference()
    {
        var random = new Random(17);
        for (int length = 0; length <= 300; length++)
        {
            for (int trial = 0; trial < 8; trial++)
            {
                byte[] data = new byte[length];
                random.NextBytes(data);
                ushort initial = trial == 0 ? Crc16CcittFalse.Initial : (ushort)random.Next(65536);

                Assert.That(Crc16CcittFalse.Update(initial, data), Is.EqualTo(Bitwise(initial, data)), $"{length} octets from {initial:X4}");
                Assert.That(Crc16CcittFalse.UpdateSliced(initial, data), Is.EqualTo(Bitwise(initial, data)), $"sliced, {length} octets");
            }
        }
    }

    [Test]
    public void UpdateFolded_WherePclmulqdqExists_MatchesBitwiseReference()
    {
        if (!Pclmulqdq.IsSupported || !Ssse3.IsSupported)
        {
            Assert.Inconclusive("no PCLMULQDQ on this processor: Compute uses the sliced tables, tested above");
        }

        var random = new Random(3);
        for (int length = 16; length <= 200; length++)
        {
            byte[] data = new byte[length];
            random.NextBytes(data);
            ushort initial = (ushort)random.Next(65536);
            Assert.That(Crc16CcittFalse.UpdateFolded(initial, data), Is.EqualTo(Bitwise(initial, data)), $"{length} octets");
        }
    }

    [Test]
    public void Compute_CatalogueCheckString_Is29B1() =>
        Assert.That(Crc16CcittFalse.Compute("123456789"u8), Is.EqualTo(0x29B1));

    private static ushort Bitwise(ushort crc, byte[] data)
    {
        foreach (byte b in data)
        {
            crc ^= (ushort)(b << 8);
            for (int bit = 0; bit < 8; bit++)
            {
                crc = (crc & 0x8000) != 0 ? (ushort)(crc << 1 ^ 0x1021) : (ushort)(crc << 1);
            }
        }

        return crc;
    }
}
