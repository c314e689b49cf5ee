using System.Runtime.InteropServices;
using UsocHil.Interop.Libc;

namespace UsocHil.Links.Serial;

/// <summary>write(2) on a non-blocking tty until every byte is out, waiting in poll(2) when the output queue is full (or not waiting: <see cref="WriteWhatFits"/>).</summary>
internal static class DescriptorWriter
{
    /// <summary>How often a write stalled by a full queue (flow control, a peer not reading) looks at its token.</summary>
    private const int PollSliceMilliseconds = 50;

    public static void WriteAll(DescriptorHandle handle, ReadOnlySpan<byte> data, string endpoint, CancellationToken cancellationToken)
    {
        int written = WriteWhatFits(handle, data, endpoint);
        while (written < data.Length)
        {
            WaitWritable(handle, endpoint, cancellationToken);
            written += WriteWhatFits(handle, data[written..], endpoint);
        }
    }

    /// <summary>write(2) until the output queue is full or every byte is out; returns how many bytes went.</summary>
    public static unsafe int WriteWhatFits(DescriptorHandle handle, ReadOnlySpan<byte> data, string endpoint)
    {
        bool added = false;
        try
        {
            handle.DangerousAddRef(ref added);
            int fd = handle.Fd;
            fixed (byte* start = data)
            {
                int written = 0;
                while (written < data.Length)
                {
                    nint n = Libc.Write(fd, start + written, (nuint)(data.Length - written));
                    if (n >= 0)
                    {
                        written += (int)n;
                        continue;
                    }

                    int errno = Marshal.GetLastPInvokeError();
                    if (errno == Libc.EINTR)
                    {
                        continue;
                    }

                    if (errno != Libc.EAGAIN)
                    {
                        throw new LinkClosedException(endpoint, "write failed: " + Libc.Describe(errno));
                    }

                    break;
                }

                return written;
            }
        }
        catch (ObjectDisposedException e)
        {
            throw new LinkClosedException(endpoint, "the link was closed by this side", e);
        }
        finally
        {
            if (added)
            {
                handle.DangerousRelease();
            }
        }
    }

    private static void WaitWritable(DescriptorHandle handle, string endpoint, CancellationToken cancellationToken)
    {
        bool added = false;
        try
        {
            handle.DangerousAddRef(ref added);
            WaitWritable(handle.Fd, endpoint, cancellationToken);
        }
        catch (ObjectDisposedException e)
        {
            throw new LinkClosedException(endpoint, "the link was closed by this side", e);
        }
        finally
        {
            if (added)
            {
                handle.DangerousRelease();
            }
        }
    }

    private static unsafe void WaitWritable(int fd, string endpoint, CancellationToken cancellationToken)
    {
        var pollFd = new Libc.PollFd { Fd = fd, Events = Libc.POLLOUT };
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            int ready = Libc.Poll(&pollFd, 1, PollSliceMilliseconds);
            if (ready > 0)
            {
                if ((pollFd.Revents & (Libc.POLLERR | Libc.POLLHUP | Libc.POLLNVAL)) != 0)
                {
                    throw new LinkClosedException(endpoint, "the device hung up while writing");
                }

                return;
            }

            if (ready < 0 && Marshal.GetLastPInvokeError() != Libc.EINTR)
            {
                throw new LinkClosedException(endpoint, "poll failed: " + Libc.Describe(Marshal.GetLastPInvokeError()));
            }
        }
    }
}
