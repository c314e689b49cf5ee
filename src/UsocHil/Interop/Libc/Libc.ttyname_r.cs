using System.Runtime.InteropServices;

namespace UsocHil.Interop.Libc;

internal static partial class Libc
{
    /// <summary>Returns 0 or an errno (not -1): ttyname_r reports errors through its result.</summary>
    [LibraryImport(Library, EntryPoint = "ttyname_r")]
    internal static unsafe partial int TtyNameR(int fd, byte* buffer, nuint length);
}
