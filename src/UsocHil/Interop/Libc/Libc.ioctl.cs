using System.Runtime.InteropServices;

namespace UsocHil.Interop.Libc;

internal static partial class Libc
{
    /// <summary>Put the tty in exclusive mode: further open(2)s fail with EBUSY (except for CAP_SYS_ADMIN).</summary>
    internal const nuint TIOCEXCL = 0x540C;

    /// <summary>Leave exclusive mode.</summary>
    internal const nuint TIOCNXCL = 0x540D;

    internal const int EBUSY = 16;

    [LibraryImport(Library, EntryPoint = "ioctl", SetLastError = true)]
    internal static partial int Ioctl(int fd, nuint request);
}
