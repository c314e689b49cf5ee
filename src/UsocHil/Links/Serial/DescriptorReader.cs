using System.Runtime.InteropServices;
using UsocHil.Interop.Libc;

namespace UsocHil.Links.Serial;

/// <summary>
/// A dedicated thread blocked in poll(2) on a tty descriptor, handing what it reads to <see cref="ReadAsync"/>.
/// A blocking reader costs one wake-up per burst, where thread-pool I/O on a tty costs a timer or an epoll round trip;
/// continuations run on this thread, so a waiting consumer resumes without a second thread hop.
/// An eventfd beside the tty wakes the thread for disposal.
/// </summary>
internal sealed class DescriptorReader : IDisposable
{

    private readonly DescriptorHandle _tty;
    private readonly DescriptorHandle _wake;
    private readonly string _endpoint;
    private readonly ReceivedChunks _chunks = new();
    private readonly Thread _thread;
    private readonly CancellationTokenSource _stopping = new();
    private int _disposed;

    public DescriptorReader(DescriptorHandle tty, string endpoint)
    {
        _tty = tty;
        _endpoint = endpoint;
        int wake = Libc.EventFd(0, Libc.EFD_CLOEXEC | Libc.EFD_NONBLOCK);
        if (wake < 0)
        {
            throw new LinkException(endpoint, "eventfd failed: " + Libc.Describe(Marshal.GetLastPInvokeError()));
        }

        _wake = new DescriptorHandle(wake);
        _thread = new Thread(Run) { IsBackground = true, Name = "tty reader " + endpoint };
        _thread.Start();
    }

    public ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken) => _chunks.ReadAsync(buffer, cancellationToken);

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _stopping.Cancel();
        Signal();

        // A consumer continuation running on the reader thread may dispose the link: it must not wait for itself.
        if (Thread.CurrentThread != _thread && !_thread.Join(TimeSpan.FromSeconds(5)))
        {
            throw new LinkException(_endpoint, "the reader thread did not stop");
        }

        _chunks.Complete(new LinkClosedException(_endpoint, "the link was closed by this side"));
        _wake.Dispose();
        _stopping.Dispose();
    }

    private unsafe void Signal()
    {
        ulong one = 1;
        _ = Libc.Write(_wake.Fd, (byte*)&one, sizeof(ulong));
    }

    private void Run()
    {
        bool ttyRef = false;
        bool wakeRef = false;
        Exception? failure = null;
        try
        {
            _tty.DangerousAddRef(ref ttyRef);
            _wake.DangerousAddRef(ref wakeRef);
            failure = Loop();
        }
        catch (OperationCanceledException)
        {
            // disposal while the queue was full
        }
        catch (Exception e)
        {
            failure = new LinkException(_endpoint, "reader failed: " + e.Message, e);
        }
        finally
        {
            if (ttyRef)
            {
                _tty.DangerousRelease();
            }

            if (wakeRef)
            {
                _wake.DangerousRelease();
            }
        }

        _chunks.Complete(failure);
    }

    private unsafe Exception? Loop()
    {
        var fds = stackalloc Libc.PollFd[2];
        while (Volatile.Read(ref _disposed) == 0)
        {
            fds[0] = new Libc.PollFd { Fd = _tty.Fd, Events = Libc.POLLIN };
            fds[1] = new Libc.PollFd { Fd = _wake.Fd, Events = Libc.POLLIN };
            if (Libc.Poll(fds, 2, -1) < 0)
            {
                int errno = Marshal.GetLastPInvokeError();
                if (errno == Libc.EINTR)
                {
                    continue;
                }

                return new LinkException(_endpoint, "poll failed: " + Libc.Describe(errno));
            }

            if (fds[1].Revents != 0 || Volatile.Read(ref _disposed) != 0)
            {
                return null;
            }

            if ((fds[0].Revents & Libc.POLLNVAL) != 0)
            {
                return new LinkClosedException(_endpoint, "the descriptor is no longer valid");
            }

            if (fds[0].Revents == 0)
            {
                continue;
            }

            byte[] array = ReceivedChunks.Rent();
            nint n;
            fixed (byte* p = array)
            {
                n = Libc.Read(_tty.Fd, p, (nuint)array.Length);
            }

            if (n > 0)
            {
                _chunks.Publish(array, (int)n, _stopping.Token);
                continue;
            }

            ReceivedChunks.Return(array);
            if (n == 0)
            {
                // A tty in raw mode reads 0 only on hang-up: the other side of a pty closed, or the device went away.
                return new LinkClosedException(_endpoint, "the device hung up");
            }

            int error = Marshal.GetLastPInvokeError();
            if (error is Libc.EAGAIN or Libc.EINTR)
            {
                continue;
            }

            // EIO: the pty's other side closed, or a USB-serial adapter was unplugged.
            return new LinkClosedException(_endpoint, "read failed: " + Libc.Describe(error));
        }

        return null;
    }
}
