using System.Runtime.InteropServices;

namespace UsocHil.Interop.Libc;

internal static partial class Libc
{
    /// <summary>Sets input and output speed; takes a B* constant (see <see cref="BaudConstants"/>), not a number.</summary>
    [LibraryImport(Library, EntryPoint = "cfsetspeed", SetLastError = true)]
    internal static partial int CfSetSpeed(ref Termios termios, uint speed);
}
