using System.Diagnostics;

namespace UsocHil.Benchmarks.Figures;

/// <summary>Samples a child process' working set every 100 ms until it exits.</summary>
internal static class WorkingSet
{
    public static async Task<List<long>> SampleAsync(Process process, CancellationToken cancellationToken)
    {
        var samples = new List<long>();
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(100));
        while (!process.HasExited && await timer.WaitForNextTickAsync(cancellationToken))
        {
            try
            {
                process.Refresh();
                long bytes = process.WorkingSet64;
                if (bytes > 0)
                {
                    samples.Add(bytes);
                }
            }
            catch (InvalidOperationException)
            {
                break; // exited between the check and the read
            }
        }

        return samples;
    }
}
