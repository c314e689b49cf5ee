using CsCheck;
using System.Text.Json;
using UsocHil.Framing;

namespace UsocHil.Tests.Protocols.Pus;

public sealed class ErrorControlVectorTests
{
    public static IEnumerable<TestCaseData> CrcVectors() => Vectors("crc16.json", "crc");

    public static IEnumerable<TestCaseData> IsoVectors() => Vectors("iso16-checksum.json", "checksum");

    [TestCaseSource(nameof(CrcVectors))]
    public void Crc16CcittFalse_OutsideVector_MatchesDocumentedCrc(string input, string expected) =>
        Assert.That(Crc16CcittFalse.Compute(Convert.FromHexString(input)).ToString("X4"), Is.EqualTo(expected));

    [TestCaseSource(nameof(CrcVectors))]
    public void Crc16CcittFalse_DataFollowedByItsCrc_ResidueIsZero(string input, string expected)
    {
        byte[] withCrc = Convert.FromHexString(input + expected);
        Assert.That(Crc16CcittFalse.Compute(withCrc), Is.Zero);
    }

    [TestCaseSource(nameof(IsoVectors))]
    public void IsoChecksum_OutsideVector_MatchesDocumentedChecksum(string input, string expected) =>
        Assert.That(IsoChecksum.Compute(Convert.FromHexString(input)).ToString("X4"), Is.EqualTo(expected));

    [Test]
    public void Crc16CcittFalse_UpdateInTwoParts_EqualsOneShot()
    {
        byte[] data = "123456789"u8.ToArray();
        ushort twoParts = Crc16CcittFalse.Update(Crc16CcittFalse.Update(Crc16CcittFalse.Initial, data.AsSpan(0, 4)), data.AsSpan(4));
        Assert.That(twoParts, Is.EqualTo(0x29B1));
    }

    [Test]
    public void Crc16CcittFalse_AnyDataAnySplit_EqualsBitwiseDefinition() =>
        Gen.Select(Gen.Byte.Array[0, 100], Gen.Int[0, 100]).Sample((data, split) =>
        {
            split = Math.Min(split, data.Length);
            ushort sliced = Crc16CcittFalse.Update(Crc16CcittFalse.Update(Crc16CcittFalse.Initial, data.AsSpan(0, split)), data.AsSpan(split));
            Assert.That(sliced, Is.EqualTo(Bitwise(data)));
        }, iter: 2000);

    /// <summary>The CRC straight from its definition: shift each bit through the polynomial.</summary>
    private static ushort Bitwise(byte[] data)
    {
        int crc = 0xFFFF;
        foreach (byte b in data)
        {
            crc ^= b << 8;
            for (int bit = 0; bit < 8; bit++)
            {
                crc = (crc & 0x8000) != 0 ? (crc << 1) ^ 0x1021 : crc << 1;
            }

            crc &= 0xFFFF;
        }

        return (ushort)crc;
    }

    private static IEnumerable<TestCaseData> Vectors(string file, string resultField)
    {
        using JsonDocument doc = OutsideVectors.Load(file);
        foreach (JsonElement v in doc.RootElement.GetProperty("vectors").EnumerateArray())
        {
            string input = v.GetProperty("input").GetString()!;
            yield return new TestCaseData(input, v.GetProperty(resultField).GetString()!).SetArgDisplayNames(input);
        }
    }
}
