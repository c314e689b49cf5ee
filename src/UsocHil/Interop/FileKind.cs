namespace UsocHil.Interop;

/// <summary>
/// What is at a path a person named as a file to write or read with a database (the results archive): a device such as
/// <c>/dev/zero</c> or <c>/dev/full</c>, a FIFO or a socket is never a file to keep records in, and opening it would
/// hang, fill memory or scatter journal files beside it.
/// </summary>
public static class FileKind
{
    /// <summary>Null when <paramref name="path"/> is a regular file (links followed) or nothing is there yet; else what it is, in words.</summary>
    public static unsafe string? NotRegular(string path)
    {
        if (Directory.Exists(path))
        {
            return "a directory";
        }

        if (!OperatingSystem.IsLinux())
        {
            return null;
        }

        byte* buffer = stackalloc byte[Libc.Libc.StatxSize];
        if (Libc.Libc.Statx(Libc.Libc.AT_FDCWD, path, 0, Libc.Libc.STATX_TYPE, buffer) != 0)
        {
            return null; // missing or unreadable: whoever opens it reports that
        }

        int type = *(ushort*)(buffer + Libc.Libc.StatxModeOffset) & Libc.Libc.S_IFMT;
        return type switch
        {
            0x8000 => null,
            0x2000 => "a character device",
            0x6000 => "a block device",
            0x1000 => "a FIFO",
            0xC000 => "a socket",
            _ => "not a regular file",
        };
    }
}
