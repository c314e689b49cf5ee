using System.Text.Json;
using NUnit.Framework;

namespace UsocHil.Testing;

/// <summary>
/// One row of docs/RELIABILITY.md: a fault or bad input the suite tried, how many times, what happened and how much
/// data was lost. Each test appends its row to TestResults/reliability/&lt;test assembly&gt;.jsonl;
/// scripts/reliability-report renders the table from those files, so the document is the suite's own output.
/// </summary>
public static class ReliabilityRecord
{
    private static readonly Lock s_gate = new();
    private static bool s_started;

    public static string Directory => Path.Combine(RepositoryPaths.Root, "TestResults", "reliability");

    /// <param name="area">fuzz, bad input, security or fault injection.</param>
    /// <param name="what">The fault or input, in words an operator understands.</param>
    /// <param name="trials">How many inputs or runs.</param>
    /// <param name="outcome">What the harness did, as the test asserted it.</param>
    /// <param name="dataLost">Records, packets or values lost or corrupted: the test asserts this is 0.</param>
    public static void Write(string area, string what, long trials, string outcome, long dataLost = 0)
    {
        TestContext.TestAdapter test = TestContext.CurrentContext.Test;
        string assembly = test.MethodInfo?.DeclaringType?.Assembly.GetName().Name
            ?? throw new InvalidOperationException("a reliability row is written by a test method");
        string file = Path.Combine(Directory, assembly + ".jsonl");
        string line = JsonSerializer.Serialize(new
        {
            area,
            what,
            trials,
            outcome,
            dataLost,
            test = test.FullName,
        });
        lock (s_gate)
        {
            System.IO.Directory.CreateDirectory(Directory);
            if (!s_started)
            {
                // One file per test run of this assembly (each test assembly runs in its own process): rows of an
                // earlier run are not mixed in.
                File.Delete(file);
                s_started = true;
            }

            File.AppendAllText(file, line + "\n");
        }
    }
}
