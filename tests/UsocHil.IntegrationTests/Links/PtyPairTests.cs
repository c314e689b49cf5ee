using System.Text;
using UsocHil.IntegrationTests.Support;
using UsocHil.Links;
using UsocHil.Links.Serial;
using UsocHil.Description;

namespace UsocHil.IntegrationTests.Links;

public sealed class PtyPairTests
{
    [Test]
    [CancelAfter(10_000)]
    public async Task SubordinatePath_OpenedByPyserial_ExchangesBytesBothWays(CancellationToken cancellationToken)
    {
        await using PtyPair pty = PtyPair.Open("virtual", TestLog.Silent);
        const string script = """
            import serial, sys
            s = serial.Serial(sys.argv[1], 115200, timeout=5)
            s.write(b'\x00hello\r\n\xff')
            s.flush()
            got = s.read(6)
            sys.stdout.write(got.hex())
            s.close()
            """;
        Task<(int ExitCode, string Output, string Error)> client = PythonProcess.PythonAsync(script, cancellationToken, pty.SubordinatePath);

        byte[] fromClient = await ReadExactlyAsync(pty.Controller, 9, cancellationToken);
        Assert.That(fromClient, Is.EqualTo(new byte[] { 0, (byte)'h', (byte)'e', (byte)'l', (byte)'l', (byte)'o', 13, 10, 0xff }));
        await pty.Controller.WriteAsync(new byte[] { 0x11, 0x13, 0x03, 0x0d, 0x0a, 0x80 }, cancellationToken);

        (int exitCode, string output, string error) = await client;
        Assert.That(exitCode, Is.Zero, error);
        Assert.That(output, Is.EqualTo("1113030d0a80"));
    }

    [Test]
    [CancelAfter(10_000)]
    public async Task Controller_AllByteValues_PassUnchangedToTtyLink(CancellationToken cancellationToken)
    {
        await using PtyPair pty = PtyPair.Open("virtual", TestLog.Silent);
        await using TtyLink tty = TtyLink.Open("payload", pty.SubordinatePath, new SerialSettings(), TestLog.Silent);
        byte[] all = Enumerable.Range(0, 256).Select(i => (byte)i).ToArray();

        await pty.Controller.WriteAsync(all, cancellationToken);
        byte[] atTty = await ReadExactlyAsync(tty, all.Length, cancellationToken);
        await tty.WriteAsync(all, cancellationToken);
        byte[] atController = await ReadExactlyAsync(pty.Controller, all.Length, cancellationToken);

        Assert.That(atTty, Is.EqualTo(all));
        Assert.That(atController, Is.EqualTo(all));
        Assert.That(tty.Statistics.BytesIn, Is.EqualTo(256));
        Assert.That(tty.Statistics.BytesOut, Is.EqualTo(256));
    }

    [Test]
    public async Task SubordinatePath_IsAPseudoTerminal()
    {
        await using PtyPair pty = PtyPair.Open("virtual", TestLog.Silent);
        Assert.That(pty.SubordinatePath, Does.StartWith("/dev/pts/"));
        Assert.That(File.Exists(pty.SubordinatePath), Is.True);
    }

    internal static async Task<byte[]> ReadExactlyAsync(ILink link, int count, CancellationToken cancellationToken)
    {
        byte[] buffer = new byte[count];
        int filled = 0;
        while (filled < count)
        {
            int n = await link.ReadAsync(buffer.AsMemory(filled), cancellationToken);
            if (n == 0)
            {
                throw new EndOfStreamException($"{link.Info}: closed after {filled} of {count} bytes ({Encoding.ASCII.GetString(buffer, 0, filled)})");
            }

            filled += n;
        }

        return buffer;
    }
}
