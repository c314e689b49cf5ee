using System.Runtime.InteropServices;

namespace UsocHil.Interop.Libc;

internal static partial class Libc
{
    /// <summary>No echo, no line editing, no CR/LF translation, no signals: bytes pass unchanged.</summary>
    [LibraryImport(Library, EntryPoint = "cfmakeraw")]
    internal static partial void CfMakeRaw(ref Termios termios);
}
