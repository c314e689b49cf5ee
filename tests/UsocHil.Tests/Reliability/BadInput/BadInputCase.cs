
namespace UsocHil.Tests.Reliability.BadInput;

/// <summary>What every bad input must get from usoc-hil: the documented exit code, clear lines naming the culprit, no stack trace.</summary>
internal static class BadInputCase
{
    public static void AssertRefused(CliResult result, int exitCode, string names, int maxLines = 1)
    {
        Assert.That(result.ExitCode, Is.EqualTo(exitCode), result.Error);
        Assert.That(result.ErrorLines, Has.Count.InRange(1, maxLines), result.Error);
        Assert.That(result.ErrorLines[0], Does.Contain(names), "the line names the file, field or resource");
        Assert.That(result.Error + result.Output, Does.Not.Contain("   at "), "no stack trace");
        Assert.That(result.Error, Does.Not.Contain("Exception:").And.Not.Contain("Exception "), "no exception type names shown to the operator");
    }

    /// <summary>A file of <paramref name="bytes"/> that takes no disk: a sparse file, all zero octets.</summary>
    public static void WriteSparse(string file, long bytes)
    {
        using var stream = new FileStream(file, FileMode.Create, FileAccess.Write);
        stream.SetLength(bytes);
    }
}
