using System.Runtime.InteropServices;

namespace UsocHil.Interop.Libc;

internal static partial class Libc
{
    internal const int EFD_NONBLOCK = 0x800;
    internal const int EFD_CLOEXEC = 0x80000;

    /// <summary>A descriptor a blocked poll(2) can be woken through: writing 8 bytes makes it readable.</summary>
    [LibraryImport(Library, EntryPoint = "eventfd", SetLastError = true)]
    internal static partial int EventFd(uint initialValue, int flags);
}
