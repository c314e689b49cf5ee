using System.Buffers.Binary;

namespace UsocHil.Tests.Reliability.Fuzzing;

/// <summary>
/// Seeded mutations of valid inputs, AFL-style: random bytes, bit flips, byte replacement with interesting values,
/// truncation, extension, insertion and deletion, chunk duplication, and extremes written into the CCSDS data length.
/// Deterministic for a seed, so any failure replays.
/// </summary>
public sealed class Mutator(int seed)
{
    private static readonly byte[] Interesting = [0x00, 0x01, 0x7F, 0x80, 0xFF, 0xFE, 0x1A, 0xCF, 0xFC, 0x1D, 0x0A, 0x0D, 0x2C, 0x22];
    private static readonly ushort[] InterestingLengths = [0x0000, 0x0001, 0x0005, 0x0006, 0x7FFF, 0x8000, 0xFFFE, 0xFFFF];

    public Random Random { get; } = new(seed);

    /// <summary>Random bytes of a random length up to <paramref name="maxLength"/>.</summary>
    public byte[] RandomBytes(int maxLength)
    {
        var bytes = new byte[Random.Next(maxLength + 1)];
        Random.NextBytes(bytes);
        return bytes;
    }

    /// <summary>One to four stacked mutations of a copy of <paramref name="valid"/>.</summary>
    public byte[] Mutate(ReadOnlySpan<byte> valid)
    {
        byte[] bytes = valid.ToArray();
        int rounds = 1 + Random.Next(4);
        for (int i = 0; i < rounds; i++)
        {
            bytes = MutateOnce(bytes);
        }

        return bytes;
    }

    private byte[] MutateOnce(byte[] bytes)
    {
        int op = Random.Next(9);
        if (bytes.Length == 0 && op != 5)
        {
            return RandomBytes(16);
        }

        switch (op)
        {
            case 0: // bit flip
                bytes[Random.Next(bytes.Length)] ^= (byte)(1 << Random.Next(8));
                return bytes;
            case 1: // interesting byte
                bytes[Random.Next(bytes.Length)] = Interesting[Random.Next(Interesting.Length)];
                return bytes;
            case 2: // random byte
                bytes[Random.Next(bytes.Length)] = (byte)Random.Next(256);
                return bytes;
            case 3: // truncation
                return bytes[..Random.Next(bytes.Length)];
            case 4: // deletion of a run
            {
                int at = Random.Next(bytes.Length);
                int count = Math.Min(bytes.Length - at, 1 + Random.Next(8));
                return [.. bytes[..at], .. bytes[(at + count)..]];
            }

            case 5: // insertion of random bytes
            {
                int at = Random.Next(bytes.Length + 1);
                byte[] insert = RandomBytes(12);
                return [.. bytes[..at], .. insert, .. bytes[at..]];
            }

            case 6: // length-field extreme (CCSDS data length at octets 4-5)
                if (bytes.Length >= 6)
                {
                    ushort value = Random.Next(3) == 0
                        ? (ushort)Math.Clamp(bytes.Length - 7 + Random.Next(-3, 4), 0, ushort.MaxValue)
                        : InterestingLengths[Random.Next(InterestingLengths.Length)];
                    BinaryPrimitives.WriteUInt16BigEndian(bytes.AsSpan(4), value);
                }

                return bytes;
            case 7: // duplicate a chunk
            {
                int at = Random.Next(bytes.Length);
                int count = Math.Min(bytes.Length - at, 1 + Random.Next(16));
                return [.. bytes[..(at + count)], .. bytes[at..(at + count)], .. bytes[(at + count)..]];
            }

            default: // extension with random bytes
                return [.. bytes, .. RandomBytes(24)];
        }
    }
}
