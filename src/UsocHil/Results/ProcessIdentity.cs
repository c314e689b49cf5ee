using System.Diagnostics;
using System.Globalization;

namespace UsocHil.Results;

/// <summary>
/// Who holds a writer lock, for people reading the lock file: host, process ID and the process' start token (its start
/// time since boot on Linux). Never used to decide liveness: another PID namespace sees other PIDs (see WriterLock).
/// </summary>
internal static class ProcessIdentity
{
    public static string Current { get; } = Describe(Environment.ProcessId);

    private static string Describe(int pid) => $"{Environment.MachineName}/{pid}/{StartToken(pid)}";

    private static string? StartToken(int pid)
    {
        if (OperatingSystem.IsLinux())
        {
            try
            {
                // /proc/<pid>/stat: "pid (comm) state ..."; field 22 is the start time in clock ticks since boot.
                string stat = File.ReadAllText($"/proc/{pid}/stat");
                string[] fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                return fields[19];
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                return null;
            }
        }

        try
        {
            using var process = Process.GetProcessById(pid);
            return process.StartTime.Ticks.ToString(CultureInfo.InvariantCulture);
        }
        catch (ArgumentException)
        {
            return null;
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }
}
