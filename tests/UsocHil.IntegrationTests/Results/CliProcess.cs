using System.Diagnostics;
using System.Text;

namespace UsocHil.IntegrationTests.Results;

/// <summary>The usoc-hil CLI (and other tools) as child processes: the real thing a user or CI runs.</summary>
internal static class CliProcess
{
    public static string RepositoryRoot { get; } = FindRoot();

    public static string FurnaceRigFile => Path.Combine(RepositoryRoot, "rigs", "furnace-em", "rig.json");

    public static string TempDirectory()
    {
        string dir = Path.Combine(Path.GetTempPath(), "usochil-it-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        return dir;
    }

    public static ProcessStartInfo UsocHil(params string[] args)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "usoc-hil.dll"));
        foreach (string a in args)
        {
            info.ArgumentList.Add(a);
        }

        return info;
    }

    public static Task<(int ExitCode, string Out, string Err)> RunUsocHilAsync(CancellationToken ct, params string[] args) => RunAsync(UsocHil(args), ct);

    public static Task<(int ExitCode, string Out, string Err)> RunToolAsync(string tool, CancellationToken ct, params string[] args)
    {
        var info = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string a in args)
        {
            info.ArgumentList.Add(a);
        }

        return RunAsync(info, ct);
    }

    public static async Task<(int ExitCode, string Out, string Err)> RunAsync(ProcessStartInfo info, CancellationToken ct)
    {
        using var process = Process.Start(info)!;
        var stdout = new StringBuilder();
        var stderr = new StringBuilder();
        Task o = PumpAsync(process.StandardOutput, stdout, ct);
        Task e = PumpAsync(process.StandardError, stderr, ct);
        try
        {
            await process.WaitForExitAsync(ct);
            await Task.WhenAll(o, e);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return (process.ExitCode, stdout.ToString(), stderr.ToString());
    }

    private static async Task PumpAsync(StreamReader reader, StringBuilder sink, CancellationToken ct)
    {
        while (await reader.ReadLineAsync(ct) is { } line)
        {
            sink.AppendLine(line);
        }
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "UsocHil.sln")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException("UsocHil.sln not found above " + AppContext.BaseDirectory);
    }
}
