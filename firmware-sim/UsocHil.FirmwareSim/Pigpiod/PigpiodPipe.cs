using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;
using UsocHil.Interop.Libc;

namespace UsocHil.FirmwareSim.Pigpiod;

/// <summary>
/// A notification pipe (NO): the FIFO <c>pigpio&lt;handle&gt;</c> in the server's pipe directory, as pigpiod makes
/// <c>/dev/pigpio&lt;handle&gt;</c>. Held open read-write and non-blocking, so it needs no reader to exist and a
/// reader that stops reading loses reports (a full pipe drops them) instead of stalling the server. Deleted on close.
/// </summary>
internal sealed class PigpiodPipe : IDisposable
{
    private readonly SafeFileHandle _handle;
    private readonly FileStream _stream;

    private PigpiodPipe(string path, SafeFileHandle handle)
    {
        Path = path;
        _handle = handle;
        _stream = new FileStream(handle, FileAccess.Write, bufferSize: 0);
    }

    public string Path { get; }

    public static PigpiodPipe Create(string directory, int handle)
    {
        string path = System.IO.Path.Combine(directory, $"pigpio{handle}");
        File.Delete(path);
        if (Libc.MkFifo(path, 0b110_110_100) != 0)
        {
            throw new IOException($"cannot make the notification pipe {path}: {Libc.Describe(Marshal.GetLastPInvokeError())}");
        }

        int fd = Libc.Open(path, Libc.O_RDWR | Libc.O_NONBLOCK | Libc.O_CLOEXEC);
        if (fd < 0)
        {
            int errno = Marshal.GetLastPInvokeError();
            File.Delete(path);
            throw new IOException($"cannot open the notification pipe {path}: {Libc.Describe(errno)}");
        }

        return new PigpiodPipe(path, new SafeFileHandle(fd, ownsHandle: true));
    }

    /// <summary>Writes one report; a full pipe drops it.</summary>
    public Task WriteAsync(ReadOnlyMemory<byte> report)
    {
        try
        {
            _stream.Write(report.Span);
        }
        catch (IOException)
        {
            // the pipe is full: nobody reads it
        }

        return Task.CompletedTask;
    }

    public void Dispose()
    {
        _stream.Dispose();
        _handle.Dispose();
        File.Delete(Path);
    }
}
