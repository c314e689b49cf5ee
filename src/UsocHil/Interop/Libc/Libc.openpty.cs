using System.Runtime.InteropServices;

namespace UsocHil.Interop.Libc;

internal static partial class Libc
{
    /// <summary>openpty(3) without name, termios or window size: those are set afterwards.</summary>
    [LibraryImport("libc", EntryPoint = "openpty", SetLastError = true)]
    internal static partial int OpenPty(out int controller, out int subordinate, nint name, nint termios, nint winsize);
}
