using CsCheck;
using UsocHil.Protocols.Pus;
using UsocHil.Framing.Ccsds;

namespace UsocHil.Tests.Protocols.Pus;

public sealed class PusCodecPropertyTests
{
    [Test]
    public void EncodeThenDecode_AnyPacketUnderAnyProfile_GivesThePacketBack() =>
        PusGen.ProfiledPacket.Sample(x =>
        {
            var codec = new PusCodec(x.Profile);
            byte[] bytes = codec.Encode(x.Packet);
            PusPacket decoded = codec.Decode(bytes);
            Assert.That(decoded, Is.EqualTo(x.Packet));
            Assert.That(codec.Encode(decoded), Is.EqualTo(bytes));
        }, iter: 2000);

    [Test]
    public void Decode_RandomBytes_ThrowsOnlyPacketDecodeException() =>
        Gen.Select(PusGen.Profile, Gen.Byte.Array[0, 120]).Sample((profile, bytes) => DecodeOrTypedError(new PusCodec(profile), bytes), iter: 5000);

    [Test]
    public void Decode_MutatedValidPacket_ThrowsOnlyPacketDecodeException() =>
        Gen.Select(PusGen.ProfiledPacket, Gen.Int[0, int.MaxValue], Gen.Byte, Gen.Int[-3, 3]).Sample((x, position, value, trim) =>
        {
            var codec = new PusCodec(x.Profile);
            byte[] bytes = codec.Encode(x.Packet);
            bytes[position % bytes.Length] = value;
            byte[] mutated = bytes.AsSpan(0, Math.Max(0, bytes.Length + Math.Min(trim, 0))).ToArray();
            if (trim > 0)
            {
                mutated = [.. mutated, .. new byte[trim]];
            }

            DecodeOrTypedError(codec, mutated);
        }, iter: 5000);

    [Test]
    public void Decode_AnySingleBitFlip_IsRefusedWhenTheProfileHasCrc() =>
        Gen.Select(PusGen.ProfiledPacket, Gen.Int[0, int.MaxValue]).Sample((x, bit) =>
        {
            var codec = new PusCodec(x.Profile with { ErrorControl = "crc" });
            byte[] bytes = codec.Encode(x.Packet);
            int flip = bit % (bytes.Length * 8);
            bytes[flip / 8] ^= (byte)(0x80 >> (flip % 8));
            Assert.That(() => codec.Decode(bytes), Throws.TypeOf<PacketDecodeException>());
        }, iter: 3000);

    private static void DecodeOrTypedError(PusCodec codec, byte[] bytes)
    {
        try
        {
            codec.Decode(bytes);
        }
        catch (PacketDecodeException e)
        {
            Assert.That(e.Offset, Is.InRange(0, Math.Max(bytes.Length, 6)));
        }
    }
}
