using System.Diagnostics;
using System.Globalization;

namespace UsocHil.Results;

/// <summary>
/// Who owns a running run: host, process ID and the process' start token (its start time since boot on Linux), so a
/// reused PID is not mistaken for the recorder that died. Used to tell a run still being recorded from one cut short.
/// </summary>
internal static class ProcessIdentity
{
    public static string Current { get; } = Describe(Environment.ProcessId);

    /// <summary>False only when the owner is on this host and certainly gone; an owner on another host is assumed alive.</summary>
    public static bool IsAlive(string owner)
    {
        string[] parts = owner.Split('/');
        if (parts.Length != 3 || !int.TryParse(parts[1], CultureInfo.InvariantCulture, out int pid))
        {
            return false;
        }

        if (parts[0] != Environment.MachineName)
        {
            return true;
        }

        string? token = StartToken(pid);
        return token is not null && token == parts[2];
    }

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
