using System.Runtime.InteropServices;
using System.Text;
using Serilog;
using UsocHil.Interop.Libc;

namespace UsocHil.Links.Serial;

/// <summary>
/// A virtual serial port made in-process with openpty(3): the controller side is an <see cref="ILink"/> for an
/// emulator, and <see cref="SubordinatePath"/> (/dev/pts/N) is a real tty any serial program can open.
/// Both sides are raw, so bytes pass unchanged. The pair keeps its own descriptor on the subordinate open, so a
/// program may open and close the path many times without hanging up the controller, and the tty keeps its settings.
/// </summary>
public sealed class PtyPair : IAsyncDisposable
{
    private readonly DescriptorHandle _subordinate;
    private int _disposed;

    private PtyPair(TtyLink controller, DescriptorHandle subordinate, string subordinatePath)
    {
        Controller = controller;
        _subordinate = subordinate;
        SubordinatePath = subordinatePath;
    }

    /// <summary>The emulator's side: what it writes, the program on <see cref="SubordinatePath"/> reads.</summary>
    public TtyLink Controller { get; }

    /// <summary>The tty path a serial program opens, for example /dev/pts/7.</summary>
    public string SubordinatePath { get; }

    public static PtyPair Open(string name, ILogger log)
    {
        if (Libc.OpenPty(out int controller, out int subordinate, 0, 0, 0) != 0)
        {
            throw new LinkException("pty", "openpty failed: " + Libc.Describe(Marshal.GetLastPInvokeError()));
        }

        // openpty cannot take O_CLOEXEC: set it at once so child processes (a pyserial test, a shell) do not inherit
        // the controller and keep the pty alive after we close it.
        var controllerHandle = new DescriptorHandle(controller);
        var subordinateHandle = new DescriptorHandle(subordinate);
        try
        {
            SetCloseOnExec(controller);
            SetCloseOnExec(subordinate);
            string path = NameOf(subordinate);
            int flags = Libc.Fcntl(controller, Libc.F_GETFL, 0);
            _ = Libc.Fcntl(controller, Libc.F_SETFL, flags | Libc.O_NONBLOCK);
            TerminalSettings.MakeRaw(subordinate, path);
            TerminalSettings.MakeRaw(controller, path);
            var link = new TtyLink(controllerHandle, new LinkInfo(name, "pty", path), log);
            log.Debug("Pseudo-terminal {Link} opened: programs open {Path}", name, path);
            return new PtyPair(link, subordinateHandle, path);
        }
        catch
        {
            controllerHandle.Dispose();
            subordinateHandle.Dispose();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            await Controller.DisposeAsync().ConfigureAwait(false);
            _subordinate.Dispose();
        }
    }

    private static void SetCloseOnExec(int fd)
    {
        if (Libc.Fcntl(fd, Libc.F_SETFD, Libc.FD_CLOEXEC) != 0)
        {
            throw new LinkException("pty", "fcntl(FD_CLOEXEC) failed: " + Libc.Describe(Marshal.GetLastPInvokeError()));
        }
    }

    private static unsafe string NameOf(int fd)
    {
        byte* buffer = stackalloc byte[256];
        int error = Libc.TtyNameR(fd, buffer, 256);
        if (error != 0)
        {
            throw new LinkException("pty", "ttyname_r failed: " + Libc.Describe(error));
        }

        return Encoding.UTF8.GetString(MemoryMarshal.CreateReadOnlySpanFromNullTerminated(buffer));
    }
}
