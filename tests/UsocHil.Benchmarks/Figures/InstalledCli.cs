using System.Runtime.InteropServices;

namespace UsocHil.Benchmarks.Figures;

/// <summary>
/// usoc-hil as <c>scripts/install</c> installs it: published for this machine's runtime identifier, which makes the
/// CLI project compile every assembly ReadyToRun. Smoke runs take the build output beside the benchmarks (jitted).
/// </summary>
public static class InstalledCli
{
    public static async Task<string> PathAsync(FigureSettings settings, CancellationToken cancellationToken)
    {
        if (settings.Smoke)
        {
            return UsocHilProcess.Program;
        }

        string output = Path.Combine(settings.ArtifactsDirectory, "installed-cli");
        string project = Path.Combine(settings.RepositoryRoot, "src", "UsocHil.Cli");
        await Processes.OutputAsync("dotnet",
            $"publish \"{project}\" -c Release -r {RuntimeInformation.RuntimeIdentifier} -o \"{output}\" --nologo -v quiet", cancellationToken);
        return Path.Combine(output, "usoc-hil.dll");
    }
}
