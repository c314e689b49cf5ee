using UsocHil.Dictionary;
using UsocHil.Framing.Ccsds;

namespace UsocHil.Tests.Dictionary;

public sealed class BitFieldTests
{
    // 0x0B 0xA5 = 0000 1011 1010 0101: the CCSDS version (3 bits), type, flag and an 11-bit APID of 0x3A5.
    private static readonly byte[] Header = [0x0B, 0xA5, 0xC0, 0x2A, 0x00, 0x05];

    [TestCase(0, "uint3", 0)]
    [TestCase(4, "bool", 1)]
    [TestCase(5, "uint11", 0x3A5)]
    [TestCase(16, "uint2", 3)]
    [TestCase(18, "uint14", 0x2A)]
    [TestCase(32, "uint16", 5)]
    public void Read_PrimaryHeaderFields_AtTheirBitOffsets(long bit, string type, double expected)
    {
        Assert.That(BitField.Read(Header, bit, FieldType.Parse(type), "f"), Is.EqualTo(expected));
    }

    [TestCase(new byte[] { 0xFF, 0xF0 }, "int12", -1)]
    [TestCase(new byte[] { 0x80, 0x00 }, "int12", -2048)]
    [TestCase(new byte[] { 0x7F, 0xF0 }, "int12", 2047)]
    [TestCase(new byte[] { 0xFF, 0xFF }, "int16", -1)]
    public void Read_SignedFields_AreTwosComplement(byte[] data, string type, double expected)
    {
        Assert.That(BitField.Read(data, 0, FieldType.Parse(type), "f"), Is.EqualTo(expected));
    }

    [Test]
    public void Read_Float32NotOnAnOctet_IsTheIeeeValue()
    {
        uint bits = BitConverter.SingleToUInt32Bits(-12.5f);
        // Four bits of padding, then the float, then four bits: the gathering path, not the aligned one.
        UInt128 window = (UInt128)bits << 4;
        byte[] data = [(byte)(window >> 32), (byte)(window >> 24), (byte)(window >> 16), (byte)(window >> 8), (byte)window];

        Assert.That(BitField.Read(data, 4, FieldType.Parse("float32"), "f"), Is.EqualTo(-12.5));
    }

    [Test]
    public void Read_Uint64AtAnOddBit_SpansNineOctets()
    {
        byte[] data = [0x7F, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x80];

        Assert.That(BitField.Read(data, 1, FieldType.Parse("uint64"), "f"), Is.EqualTo((double)ulong.MaxValue));
    }

    [Test]
    public void Read_PastTheEnd_NamesTheFieldAndOctet()
    {
        var error = Assert.Throws<PacketDecodeException>(() => BitField.Read(Header, 40, FieldType.Parse("uint16"), "TEMP"))!;

        Assert.That(error.Message, Does.StartWith("TEMP at byte 5"));
    }

    [TestCase("uint0")]
    [TestCase("uint65")]
    [TestCase("int07")]
    [TestCase("float16")]
    [TestCase("char8")]
    public void TryParse_NotAFieldType_IsRefused(string text)
    {
        Assert.That(FieldType.TryParse(text, out _), Is.False);
    }

    [TestCase("uint11", "uint11", null)]
    [TestCase("int16", "int16", "Int16")]
    [TestCase("bool", "bool", null)]
    [TestCase("BOOL8", "bool8", null)]
    [TestCase("float64", "float64", "Float64")]
    public void Parse_RoundTripsAndKnowsItsPusWireType(string text, string shown, string? wire)
    {
        FieldType type = FieldType.Parse(text);

        Assert.That(type.ToString(), Is.EqualTo(shown));
        Assert.That(type.WireType?.ToString(), Is.EqualTo(wire));
    }
}
