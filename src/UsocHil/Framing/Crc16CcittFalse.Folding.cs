using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace UsocHil.Framing;

/// <summary>
/// The CRC by folding 16 octets at a time with carry-less multiplication (Gopal et al., "Fast CRC computation for
/// generic polynomials using PCLMULQDQ", Intel 2009, the non-reflected form). The data is a polynomial over GF(2),
/// the first bit highest; the CRC is data × x^16 mod P. A 128-bit remainder X followed by a block B is congruent to
/// X_high × (x^192 mod P) + X_low × (x^128 mod P) + B, two multiplications of 64 by 16 bits; the register's initial
/// value is the same as XOR-ing it into the first two octets. At the end X is brought to 64 bits the same way and
/// the last step is one sliced table lookup.
/// </summary>
public static partial class Crc16CcittFalse
{
    private const int FoldingMinimum = 16;

    /// <summary>x^128 mod P (low lane, multiplies X_low) and x^192 mod P (high lane, multiplies X_high).</summary>
    private static readonly Vector128<ulong> FoldBy128 = Vector128.Create(PowerOfX(128), PowerOfX(192));

    private static readonly Vector128<ulong> FoldBy64 = Vector128.Create(PowerOfX(64), 0);

    /// <summary>pshufb masks: at 16 s, shift right by s octets; at 256 + 16 s, shift left by s; at 512 + 16 s, keep the low s.</summary>
    private static readonly byte[] ShiftMasks = BuildShiftMasks();

    private static bool IsFoldingSupported => Pclmulqdq.IsSupported && Ssse3.IsSupported;

    internal static ushort UpdateFolded(ushort crc, ReadOnlySpan<byte> data)
    {
        Vector128<ulong> x = Load(data) ^ Vector128.Create(0UL, (ulong)crc << 48);
        ReadOnlySpan<byte> rest = data[16..];
        while (rest.Length >= 16)
        {
            x = Fold(x, Load(rest));
            rest = rest[16..];
        }

        if (rest.Length > 0)
        {
            // The r octets left: X × x^(8r) + tail, as (X's top r octets) × x^128 + (X's other octets shifted up | tail),
            // the tail read as the low r octets of the data's last 16 (which overlap blocks already folded).
            int r = rest.Length;
            ref byte masks = ref MemoryMarshal.GetArrayDataReference(ShiftMasks);
            Vector128<byte> octets = x.AsByte();
            Vector128<byte> high = Ssse3.Shuffle(octets, Vector128.LoadUnsafe(ref masks, (nuint)(16 * (16 - r))));
            Vector128<byte> low = Ssse3.Shuffle(octets, Vector128.LoadUnsafe(ref masks, (nuint)(256 + 16 * r)));
            Vector128<byte> tail = Load(data[^16..]).AsByte() & Vector128.LoadUnsafe(ref masks, (nuint)(512 + 16 * r));
            x = Fold(high.AsUInt64(), (low | tail).AsUInt64());
        }

        // X_high × (x^64 mod P) has at most 79 bits; its top 15 folded once more leave 64 bits congruent to X.
        Vector128<ulong> once = Pclmulqdq.CarrylessMultiply(x, FoldBy64, 0x01);
        Vector128<ulong> twice = Pclmulqdq.CarrylessMultiply(once, FoldBy64, 0x01);
        return Remainder(x.ToScalar() ^ once.ToScalar() ^ twice.ToScalar());
    }

    /// <summary>16 octets as one big-endian 128-bit number (lane 1 the first 8 octets).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<ulong> Load(ReadOnlySpan<byte> block) =>
        Vector128.Shuffle(Vector128.Create(block), Vector128.Create((byte)15, 14, 13, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0)).AsUInt64();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<ulong> Fold(Vector128<ulong> x, Vector128<ulong> next) =>
        Pclmulqdq.CarrylessMultiply(x, FoldBy128, 0x00) ^ Pclmulqdq.CarrylessMultiply(x, FoldBy128, 0x11) ^ next;

    private static ulong PowerOfX(int n)
    {
        int r = 1;
        for (int i = 0; i < n; i++)
        {
            r <<= 1;
            if ((r & 0x10000) != 0)
            {
                r ^= 0x10000 | Polynomial;
            }
        }

        return (ulong)r;
    }

    private static byte[] BuildShiftMasks()
    {
        const byte Zero = 0x80;
        var masks = new byte[3 * 256];
        for (int s = 0; s < 16; s++)
        {
            for (int j = 0; j < 16; j++)
            {
                masks[16 * s + j] = j + s < 16 ? (byte)(j + s) : Zero;
                masks[256 + 16 * s + j] = j >= s ? (byte)(j - s) : Zero;
                masks[512 + 16 * s + j] = j < s ? (byte)0xFF : (byte)0;
            }
        }

        return masks;
    }
}
