using System.Runtime.InteropServices;
using System.Text;
using Microsoft.Win32.SafeHandles;

namespace UsocHil.Interop;

/// <summary>
/// Reads a file a person named (a station, rig or sequence file) without trusting what it is: at most a given number
/// of bytes whatever the file claims (<c>/dev/zero</c> has length 0 and never ends), and never waiting on a FIFO,
/// socket or terminal (opened non-blocking on Linux, then refused as not a regular file).
/// </summary>
public static class BoundedFile
{
    /// <exception cref="FileNotFoundException">Nothing is at <paramref name="path"/>.</exception>
    /// <exception cref="IOException">It cannot be read, is not a regular file, or is larger than <paramref name="maxBytes"/>.</exception>
    /// <exception cref="UnauthorizedAccessException">It may not be read.</exception>
    public static string ReadAllText(string path, long maxBytes)
    {
        using SafeFileHandle handle = Open(path);
        using var stream = new FileStream(handle, FileAccess.Read, bufferSize: 0);
        if (!stream.CanSeek)
        {
            throw new IOException("not a regular file (a FIFO, socket or terminal): give the path of a file");
        }

        var buffer = new byte[(int)Math.Min(maxBytes + 1, 1 << 16)];
        using var content = new MemoryStream();
        int read;
        while ((read = stream.Read(buffer, 0, (int)Math.Min(buffer.Length, maxBytes + 1 - content.Length))) > 0)
        {
            content.Write(buffer, 0, read);
            if (content.Length > maxBytes)
            {
                throw new IOException($"larger than the {maxBytes:N0} bytes such a file may have");
            }
        }

        return new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false).GetString(content.GetBuffer(), 0, (int)content.Length).TrimStart('\uFEFF');
    }

    private static SafeFileHandle Open(string path)
    {
        if (!OperatingSystem.IsLinux())
        {
            return File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read);
        }

        // O_NONBLOCK so that opening a FIFO with no writer returns at once instead of waiting for one.
        int fd = Libc.Libc.Open(path, Libc.Libc.O_RDONLY | Libc.Libc.O_NONBLOCK | Libc.Libc.O_CLOEXEC);
        if (fd < 0)
        {
            int errno = Marshal.GetLastPInvokeError();
            throw errno switch
            {
                Libc.Libc.ENOENT => new FileNotFoundException("file not found", path),
                Libc.Libc.EACCES => new UnauthorizedAccessException(Libc.Libc.Describe(errno)),
                _ => new IOException(Libc.Libc.Describe(errno)),
            };
        }

        return new SafeFileHandle(fd, ownsHandle: true);
    }
}
