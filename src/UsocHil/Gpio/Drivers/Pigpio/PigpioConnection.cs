using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using UsocHil.Links;
using UsocHil.Links.Tcp;

namespace UsocHil.Gpio.Drivers.Pigpio;

/// <summary>
/// One command socket to pigpiod: 16-byte requests and responses, one at a time (GpioDriver's API is synchronous).
/// A lost daemon is a <see cref="LinkClosedException"/>; a negative result a <see cref="PigpioException"/>.
/// </summary>
internal sealed class PigpioConnection : IDisposable
{
    private readonly Socket _socket;
    private readonly object _gate = new();
    private readonly byte[] _request = new byte[16];
    private readonly byte[] _response = new byte[16];

    private PigpioConnection(Socket socket, string endpoint)
    {
        _socket = socket;
        Endpoint = endpoint;
    }

    public string Endpoint { get; }

    public static async Task<PigpioConnection> ConnectAsync(string host, int port, TimeSpan timeout, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        string endpoint = TcpClientLink.FormatEndpoint(host, port);
        IPAddress[] addresses = IPAddress.TryParse(host, out IPAddress? literal) ? [literal] : await Dns.GetHostAddressesAsync(host, cancellationToken).ConfigureAwait(false);
        // Connecting is the operating system's work, not the rig's: it is bounded in wall-clock time even when
        // rig time runs hundreds of times faster for an emulated rig.
        using var deadline = new CancellationTokenSource(TransportTime.OnClock(timeProvider, timeout), timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(deadline.Token, cancellationToken);
        var socket = new Socket(addresses[0].AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(new IPEndPoint(addresses[0], port), linked.Token).ConfigureAwait(false);

            // Synchronous sends and receives below: the socket's own timeouts bound them (wall clock, by necessity).
            socket.ReceiveTimeout = (int)timeout.TotalMilliseconds;
            socket.SendTimeout = (int)timeout.TotalMilliseconds;
            return new PigpioConnection(socket, endpoint);
        }
        catch (SocketException e)
        {
            socket.Dispose();
            throw new LinkClosedException(endpoint, "cannot connect to pigpiod: " + e.SocketErrorCode, e);
        }
        catch (OperationCanceledException e) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            socket.Dispose();
            throw new LinkTimeoutException(endpoint, "pigpiod did not accept the connection in time", e);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>Runs a command and returns its non-negative result.</summary>
    public uint Execute(PigpioCommand command, uint p1 = 0, uint p2 = 0)
    {
        int result = ExecuteRaw(command, p1, p2);
        if (result < 0 && command is not (PigpioCommand.Br1 or PigpioCommand.Br2 or PigpioCommand.Tick))
        {
            throw new PigpioException(Endpoint, $"{command.ToString().ToUpperInvariant()} {p1} {p2}", result, PigpioError.Describe(result));
        }

        return unchecked((uint)result);
    }

    public int ExecuteRaw(PigpioCommand command, uint p1, uint p2)
    {
        lock (_gate)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(_request.AsSpan(0), (uint)command);
            BinaryPrimitives.WriteUInt32LittleEndian(_request.AsSpan(4), p1);
            BinaryPrimitives.WriteUInt32LittleEndian(_request.AsSpan(8), p2);
            BinaryPrimitives.WriteUInt32LittleEndian(_request.AsSpan(12), 0);
            try
            {
                _socket.Send(_request);
                int filled = 0;
                while (filled < _response.Length)
                {
                    int n = _socket.Receive(_response, filled, _response.Length - filled, SocketFlags.None);
                    if (n == 0)
                    {
                        throw new LinkClosedException(Endpoint, "pigpiod closed the connection");
                    }

                    filled += n;
                }
            }
            catch (SocketException e)
            {
                throw new LinkClosedException(Endpoint, $"pigpiod did not answer {command}: {e.SocketErrorCode}", e);
            }
            catch (ObjectDisposedException e)
            {
                throw new LinkClosedException(Endpoint, "the pigpio driver was disposed", e);
            }

            if (BinaryPrimitives.ReadUInt32LittleEndian(_response) != (uint)command)
            {
                throw new GpioException(Endpoint, $"pigpiod answered command {BinaryPrimitives.ReadUInt32LittleEndian(_response)} to {command}");
            }

            return BinaryPrimitives.ReadInt32LittleEndian(_response.AsSpan(12));
        }
    }

    public void Dispose() => _socket.Dispose();
}
