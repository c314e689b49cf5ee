using System.Runtime.InteropServices;
using System.Text;
using Microsoft.Win32.SafeHandles;

namespace UsocHil.Interop;

/// <summary>
/// An exclusive advisory lock on a file (flock), held for as long as this object lives and released by the kernel
/// when the process ends however it ends, so a lock left by a killed process is never mistaken for a live one. The
/// holder writes who it is into the file for whoever is refused; whether the holder is alive is decided by the lock,
/// never by that text.
/// </summary>
public sealed class FileLock : IDisposable
{
    private readonly FileStream _file;

    private FileLock(FileStream file) => _file = file;

    /// <summary>Takes the lock on <paramref name="path"/> (created if missing) and writes <paramref name="holder"/> into it; null with <paramref name="heldBy"/> when another process holds it.</summary>
    /// <exception cref="IOException">The file cannot be created or locked for another reason.</exception>
    public static FileLock? TryTake(string path, string holder, out string? heldBy)
    {
        heldBy = null;
        SafeFileHandle handle = Open(path);
        try
        {
            if (OperatingSystem.IsLinux() && Libc.Libc.Flock((int)handle.DangerousGetHandle(), Libc.Libc.LOCK_EX | Libc.Libc.LOCK_NB) != 0)
            {
                int errno = Marshal.GetLastPInvokeError();
                if (errno != Libc.Libc.EAGAIN)
                {
                    throw new IOException($"{path}: cannot lock: {Libc.Libc.Describe(errno)}");
                }

                handle.Dispose();
                heldBy = ReadHolder(path);
                return null;
            }

            var file = new FileStream(handle, FileAccess.ReadWrite, bufferSize: 0);
            file.SetLength(0);
            file.Write(Encoding.UTF8.GetBytes(holder + "\n"));
            file.Flush();
            return new FileLock(file);
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    }

    public void Dispose() => _file.Dispose();

    private static SafeFileHandle Open(string path)
    {
        if (!OperatingSystem.IsLinux())
        {
            // Elsewhere the runtime's own sharing rules stand in for flock.
            return File.OpenHandle(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }

        // Opened without the runtime's FileStream, which would take a lock of its own on the file.
        int fd = Libc.Libc.Open(path, Libc.Libc.O_RDWR | Libc.Libc.O_CREAT | Libc.Libc.O_CLOEXEC, 0b110_100_100);
        if (fd < 0)
        {
            int errno = Marshal.GetLastPInvokeError();
            throw errno == Libc.Libc.EACCES
                ? new UnauthorizedAccessException($"{path}: {Libc.Libc.Describe(errno)}")
                : new IOException($"{path}: cannot open: {Libc.Libc.Describe(errno)}");
        }

        return new SafeFileHandle(fd, ownsHandle: true);
    }

    private static string ReadHolder(string path)
    {
        try
        {
            return BoundedFile.ReadAllText(path, 4096).Trim();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return "another process";
        }
    }
}
