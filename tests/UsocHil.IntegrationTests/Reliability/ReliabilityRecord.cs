using System.Text.Json;

namespace UsocHil.IntegrationTests.Reliability;

/// <summary>
/// One row of docs/RELIABILITY.md (see the unit tests' twin): appended to TestResults/reliability/&lt;assembly&gt;.jsonl,
/// rendered by scripts/reliability-report.
/// </summary>
public static class ReliabilityRecord
{
    private static readonly Lock s_gate = new();
    private static bool s_started;

    public static string Root
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "UsocHil.sln")))
                {
                    return dir.FullName;
                }
            }

            throw new InvalidOperationException("UsocHil.sln not found above " + AppContext.BaseDirectory);
        }
    }

    public static void Write(string area, string what, long trials, string outcome, long dataLost = 0)
    {
        string directory = Path.Combine(Root, "TestResults", "reliability");
        string file = Path.Combine(directory, typeof(ReliabilityRecord).Assembly.GetName().Name + ".jsonl");
        string line = JsonSerializer.Serialize(new { area, what, trials, outcome, dataLost, test = TestContext.CurrentContext.Test.FullName });
        lock (s_gate)
        {
            Directory.CreateDirectory(directory);
            if (!s_started)
            {
                File.Delete(file);
                s_started = true;
            }

            File.AppendAllText(file, line + "\n");
        }
    }
}
