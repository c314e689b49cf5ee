using UsocHil.IntegrationTests.Support;
using UsocHil.Links;
using UsocHil.Links.Serial;
using UsocHil.Description;

namespace UsocHil.IntegrationTests.Links;

[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class TtyLinkTests
{
    [Test]
    [CancelAfter(10_000)]
    public async Task ReadAsync_PtyControllerVanishes_ThrowsLinkClosedExceptionNamingPath(CancellationToken cancellationToken)
    {
        PtyPair pty = PtyPair.Open("adapter", TestLog.Silent);
        await using TtyLink link = TtyLink.Open("payload", pty.SubordinatePath, new SerialSettings(), TestLog.Silent);
        ValueTask<int> pending = link.ReadAsync(new byte[64], cancellationToken);

        await pty.DisposeAsync();

        var error = await Assert.ThrowsAsync<LinkClosedException>(async () => await pending);
        Assert.That(error!.Endpoint, Is.EqualTo(pty.SubordinatePath));
        Assert.That(error.Message, Does.Contain(pty.SubordinatePath));
        Assert.That(link.Statistics.LastError, Is.Not.Null);
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task Open_HoldsTheTtyExclusively_AnotherProgramIsRefusedUntilItCloses(CancellationToken cancellationToken)
    {
        await using PtyPair pty = PtyPair.Open("adapter", TestLog.Silent);
        File.SetUnixFileMode(pty.SubordinatePath, (UnixFileMode)0b110_110_110); // so that user nobody may open it but for the lock
        string whileHeld;
        await using (TtyLink.Open("payload", pty.SubordinatePath, new SerialSettings(), TestLog.Silent))
        {
            whileHeld = await OpenFromAnotherProgramAsync(pty.SubordinatePath, cancellationToken);
        }

        string afterClose = await OpenFromAnotherProgramAsync(pty.SubordinatePath, cancellationToken);

        Assert.That(whileHeld, Does.Contain("busy").IgnoreCase, "a second program (minicom, another run) cannot open the payload's line");
        Assert.That(afterClose, Is.EqualTo("opened"), "exclusive mode ends with the link");
        ReliabilityRecord.Write("bad input", "another program opening the payload's serial line while a run holds it (TIOCEXCL)", 2,
            $"refused while held ({whileHeld.Trim()}); opens again once the link is closed");
    }

    /// <summary>Opens the tty from a shell, as user nobody when the tests run as root (root may open an exclusive tty).</summary>
    private static async Task<string> OpenFromAnotherProgramAsync(string path, CancellationToken cancellationToken)
    {
        var start = new System.Diagnostics.ProcessStartInfo(Environment.IsPrivilegedProcess ? "setpriv" : "sh") { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (string arg in (Environment.IsPrivilegedProcess ? ["--reuid=nobody", "--regid=nogroup", "--clear-groups", "--", "sh"] : Array.Empty<string>())
            .Concat(["-c", "exec 3<> \"$0\" && echo opened", path]))
        {
            start.ArgumentList.Add(arg);
        }

        using var shell = System.Diagnostics.Process.Start(start)!;
        string output = await shell.StandardOutput.ReadToEndAsync(cancellationToken) + await shell.StandardError.ReadToEndAsync(cancellationToken);
        await shell.WaitForExitAsync(cancellationToken);
        return output.Trim();
    }

    [Test]
    public void Open_MissingDevice_ThrowsLinkClosedExceptionNamingPath()
    {
        var error = Assert.Throws<LinkClosedException>(() => TtyLink.Open("payload", "/dev/ttyUSB-usochil-missing", new SerialSettings(), TestLog.Silent));
        Assert.That(error!.Endpoint, Is.EqualTo("/dev/ttyUSB-usochil-missing"));
    }

    [Test]
    public void Open_NotATerminal_ThrowsLinkException()
    {
        var error = Assert.Throws<LinkException>(() => TtyLink.Open("payload", "/dev/null", new SerialSettings(), TestLog.Silent));
        Assert.That(error!.Message, Does.Contain("not a terminal"));
    }

    [TestCase(9600, 7, "even", 2, "xonxoff")]
    [TestCase(115200, 8, "none", 1, "none")]
    [TestCase(921600, 8, "odd", 1, "rtscts")]
    [CancelAfter(10_000)]
    public async Task Open_LineSettings_AppliedToTheTty(int baud, int dataBits, string parity, double stopBits, string flow, CancellationToken cancellationToken)
    {
        await using PtyPair pty = PtyPair.Open("adapter", TestLog.Silent);
        var settings = new SerialSettings { Baud = baud, DataBits = dataBits, Parity = parity, StopBits = stopBits, FlowControl = flow };
        await using TtyLink link = TtyLink.Open("payload", pty.SubordinatePath, settings, TestLog.Silent);

        // stty reads the settings back from the kernel through a descriptor of its own.
        (int exit, string output, string error) = await PythonProcess.RunAsync("/usr/bin/stty", ["-F", pty.SubordinatePath, "-a"], null, cancellationToken);

        Assert.That(exit, Is.Zero, error);
        Assert.That(output, Does.Contain($"speed {baud} baud"));
        // The pty driver forces cs8 and clears parenb whatever was asked (a pty has no UART); the rest sticks.
        Assert.That(output, Does.Contain(" cs8"));
        Assert.That(output, Does.Contain(parity == "none" ? "-inpck" : " inpck"));
        Assert.That(output, Does.Contain(parity == "odd" ? " parodd" : "-parodd"));
        Assert.That(output, Does.Contain(stopBits > 1 ? " cstopb" : "-cstopb"));
        Assert.That(output, Does.Contain(flow == "rtscts" ? " crtscts" : "-crtscts"));
        Assert.That(output, Does.Contain(flow == "xonxoff" ? " ixon ixoff" : "-ixon -ixoff"));
        Assert.That(output, Does.Contain("-echo "));
        Assert.That(output, Does.Contain("-icanon"));
    }

    [Test]
    public void Open_NonStandardBaud_ThrowsLinkException()
    {
        Assert.That(async () =>
        {
            await using PtyPair pty = PtyPair.Open("adapter", TestLog.Silent);
            await using TtyLink link = TtyLink.Open("payload", pty.SubordinatePath, new SerialSettings { Baud = 12345 }, TestLog.Silent);
        }, Throws.InstanceOf<LinkException>().With.Message.Contains("12345"));
    }
}
