using System.Runtime.InteropServices;

namespace UsocHil.Interop.Libc;

internal static partial class Libc
{
    [LibraryImport(Library, EntryPoint = "close", SetLastError = true)]
    internal static partial int Close(int fd);
}
