using System.Runtime.InteropServices;

namespace UsocHil.Interop.Libc;

internal static partial class Libc
{
    internal const int AT_FDCWD = -100;
    internal const uint STATX_TYPE = 0x1;
    internal const int S_IFMT = 0xF000;

    /// <summary>Offset of stx_mode (u16) in struct statx: after stx_mask, stx_blksize (u32), stx_attributes (u64), stx_nlink, stx_uid, stx_gid (u32).</summary>
    internal const int StatxModeOffset = 28;

    /// <summary>struct statx is 256 bytes on every Linux architecture.</summary>
    internal const int StatxSize = 256;

    [LibraryImport(Library, EntryPoint = "statx", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    internal static unsafe partial int Statx(int directory, string path, int flags, uint mask, byte* buffer);
}
