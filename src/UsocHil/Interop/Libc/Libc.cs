using System.Runtime.InteropServices;

namespace UsocHil.Interop.Libc;

/// <summary>
/// The few libc calls the Linux fast paths need (ptys, termios, raw descriptor I/O), one file per call as dotnet/iot
/// does. Every call sets errno; read it with <see cref="Marshal.GetLastPInvokeError"/>.
/// </summary>
internal static partial class Libc
{
    internal const string Library = "libc";

    internal const int O_RDONLY = 0x0;
    internal const int O_RDWR = 0x2;
    internal const int O_NOCTTY = 0x100;
    internal const int O_NONBLOCK = 0x800;
    internal const int O_CLOEXEC = 0x80000;

    internal const int ENOENT = 2;
    internal const int EINTR = 4;
    internal const int EIO = 5;
    internal const int EAGAIN = 11;
    internal const int EACCES = 13;
    internal const int ENOTTY = 25;

    /// <summary>Describes the last errno for an error message.</summary>
    internal static string Describe(int errno) => $"{Marshal.GetPInvokeErrorMessage(errno)} (errno {errno})";
}
