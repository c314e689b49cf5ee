using Serilog;
using Serilog.Core;
using Serilog.Events;
using Serilog.Formatting.Compact;
using UsocHil.Cli.Logging;

namespace UsocHil.Tests.Cli.Logging;

public sealed class LogFileSinkTests
{
    private string _directory = null!;

    [SetUp]
    public void SetUp() => _directory = TestDirectories.Create("logfile");

    [TearDown]
    public void TearDown() => Directory.Delete(_directory, recursive: true);

    [Test]
    public void WaitWritten_AfterManyLines_FileHoldsEveryLineBeforeTheLogIsClosed()
    {
        string path = Path.Combine(_directory, "run.clef");
        var sink = new LogFileSink(path, new CompactJsonFormatter());
        using Logger log = new LoggerConfiguration().MinimumLevel.Verbose().WriteTo.Sink(sink).CreateLogger();
        for (int i = 0; i < 5000; i++)
        {
            log.Information("Step {Step} no-op passed", i);
        }

        sink.WaitWritten();

        string[] lines = ReadShared(path);
        Assert.That(lines, Has.Length.EqualTo(5000));
        Assert.That(lines[^1], Does.Contain("\"Step\":4999"));
        Assert.That(sink.Counts, Is.EqualTo((5000L, 5000L)));
    }

    [Test]
    public void Dispose_LinesNotWaitedFor_AreWrittenAtTheEnd()
    {
        string path = Path.Combine(_directory, "run.clef");
        using (Logger log = new LoggerConfiguration().WriteTo.Sink(new LogFileSink(path, new CompactJsonFormatter())).CreateLogger())
        {
            for (int i = 0; i < 300; i++)
            {
                log.Information("Line {N}", i);
            }
        }

        Assert.That(File.ReadAllLines(path), Has.Length.EqualTo(300));
    }

    [Test]
    public void Emit_DiskFull_DroppedAndTheRunGoesOn()
    {
        var sink = new LogFileSink("/dev/full", new CompactJsonFormatter());
        using Logger log = new LoggerConfiguration().WriteTo.Sink(sink).CreateLogger();
        for (int i = 0; i < 20_000; i++)
        {
            log.Information("Line {N} with some text to fill the writer's buffer", i);
        }

        sink.WaitWritten(); // returns: lines that cannot be written count as done, nobody waits for them forever
        Assert.That(sink.Counts, Is.EqualTo((20_000L, 20_000L)));
        Assert.DoesNotThrow(sink.Dispose);
    }

    [Test]
    public void ForRun_LineShownOnScreen_IsInTheFileWhenShown()
    {
        string path = Path.Combine(_directory, "logs", "run.clef");
        var inFileWhenShown = new List<bool>();
        using (Logger log = HarnessLogging.ForRun("Information", 0, path, new ScreenSink((line, _) => inFileWhenShown.Add(ReadShared(path).Any(l => l.Contains("SETPOINT", StringComparison.Ordinal))))))
        {
            for (int i = 0; i < 2000; i++)
            {
                log.Information("Step {Step} set passed", i); // in the file only: below the screen's level
            }

            log.Warning("Parameter {Parameter} not confirmed", "SETPOINT");
        }

        Assert.That(inFileWhenShown, Is.EqualTo(new[] { true }), "shown once, and only after the file had it");
        Assert.That(File.ReadAllLines(path), Has.Length.EqualTo(2001));
    }

    private static string[] ReadShared(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }
}
