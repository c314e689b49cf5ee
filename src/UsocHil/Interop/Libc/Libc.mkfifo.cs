using System.Runtime.InteropServices;

namespace UsocHil.Interop.Libc;

internal static partial class Libc
{
    internal const int EEXIST = 17;

    [LibraryImport(Library, EntryPoint = "mkfifo", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int MkFifo(string path, uint mode);
}
