using UsocHil.Links.Serial;
using UsocHil.Links.Tcp;
using UsocHil.Description;

namespace UsocHil.IntegrationTests.Links;

/// <summary>Opening and closing links many times must give back every descriptor and every reader thread.</summary>
[NonParallelizable]
public sealed class LinkLeakTests
{
    private const int Cycles = 1000;

    [Test]
    [CancelAfter(60_000)]
    public async Task OpenClose_TtyLink1000Times_LeaksNoDescriptorsOrThreads(CancellationToken cancellationToken)
    {
        await using PtyPair pty = PtyPair.Open("emulator", TestLog.Silent);
        await CycleAsync(pty, exchange: true, cancellationToken); // warm up: the runtime opens a few files on first use
        int descriptorsBefore = OpenDescriptors();
        int threadsBefore = ReaderThreads();

        for (int i = 0; i < Cycles; i++)
        {
            await CycleAsync(pty, exchange: i % 100 == 0, cancellationToken);
        }

        Assert.That(OpenDescriptors() - descriptorsBefore, Is.LessThan(5), "descriptors grew");
        Assert.That(await SettledReaderThreadsAsync(threadsBefore, cancellationToken), Is.LessThanOrEqualTo(threadsBefore), "tty reader threads left running");
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task OpenClose_PtyPair100Times_LeaksNoDescriptorsOrThreads(CancellationToken cancellationToken)
    {
        int descriptorsBefore = OpenDescriptors();
        int threadsBefore = ReaderThreads();

        for (int i = 0; i < 100; i++)
        {
            await using PtyPair pty = PtyPair.Open("emulator", TestLog.Silent);
        }

        Assert.That(OpenDescriptors() - descriptorsBefore, Is.LessThan(5), "descriptors grew");
        Assert.That(await SettledReaderThreadsAsync(threadsBefore, cancellationToken), Is.LessThanOrEqualTo(threadsBefore), "tty reader threads left running");
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task OpenClose_TcpLink1000Times_LeaksNoDescriptors(CancellationToken cancellationToken)
    {
        await using var listener = new TcpLinkListener("emulator", TestLog.Silent);
        await TcpCycleAsync(listener, cancellationToken);
        int descriptorsBefore = OpenDescriptors();

        for (int i = 0; i < Cycles; i++)
        {
            await TcpCycleAsync(listener, cancellationToken);
        }

        Assert.That(OpenDescriptors() - descriptorsBefore, Is.LessThan(5), "descriptors grew");
    }

    private static async Task CycleAsync(PtyPair pty, bool exchange, CancellationToken cancellationToken)
    {
        await using TtyLink link = TtyLink.Open("payload", pty.SubordinatePath, new SerialSettings(), TestLog.Silent);
        if (exchange)
        {
            await link.WriteAsync(new byte[] { 1 }, cancellationToken);
            _ = await PtyPairTests.ReadExactlyAsync(pty.Controller, 1, cancellationToken);
        }
    }

    private static async Task TcpCycleAsync(TcpLinkListener listener, CancellationToken cancellationToken)
    {
        ValueTask<TcpLink> accepting = listener.AcceptAsync(cancellationToken);
        await using TcpLink client = await TcpClientLink.ConnectAsync("payload", "127.0.0.1", listener.Port, TimeSpan.FromSeconds(2), TimeProvider.System, TestLog.Silent, cancellationToken);
        await using TcpLink server = await accepting;
    }

    /// <summary>
    /// The reader threads once they have settled: the last link's reader may still be ending when its disposal returns,
    /// and an earlier test's may end meanwhile. A leak never settles back to the count before.
    /// </summary>
    private static async Task<int> SettledReaderThreadsAsync(int before, CancellationToken cancellationToken)
    {
        for (int poll = 0; poll < 40 && ReaderThreads() > before; poll++)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(50), cancellationToken);
        }

        return ReaderThreads();
    }

    private static int OpenDescriptors() => Directory.GetFiles("/proc/self/fd").Length;

    // Linux names a thread after its managed name, cut to 15 characters: "tty reader /dev".
    private static int ReaderThreads() =>
        Directory.GetDirectories("/proc/self/task").Count(task => ThreadName(task).StartsWith("tty reader", StringComparison.Ordinal));

    // A thread of the test host can end between listing /proc/self/task and reading its name.
    private static string ThreadName(string task)
    {
        try
        {
            return File.ReadAllText(Path.Combine(task, "comm"));
        }
        catch (Exception error) when (error is DirectoryNotFoundException or FileNotFoundException)
        {
            return "";
        }
    }
}
