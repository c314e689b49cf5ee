using System.Globalization;

namespace UsocHil.Tests.Reliability.Fuzzing;

/// <summary>
/// How many inputs each fuzz test tries. The CI smoke form uses the defaults (over a million inputs in all, well under
/// a minute); USOCHIL_FUZZ_ITERATIONS=N multiplies every default by N/100000 for longer runs (N=1000000: ten times).
/// </summary>
public static class FuzzBudget
{
    public const string Variable = "USOCHIL_FUZZ_ITERATIONS";

    private const double Reference = 100_000;

    public static double Scale { get; } =
        double.TryParse(Environment.GetEnvironmentVariable(Variable), NumberStyles.Float, CultureInfo.InvariantCulture, out double n) && n > 0
            ? n / Reference
            : 1;

    /// <summary>The default count of a test, scaled; never below one.</summary>
    public static int Of(int smoke) => (int)Math.Max(1, Math.Min(int.MaxValue, Math.Round(smoke * Scale)));

    /// <summary>A fixed seed per test so a failure replays; USOCHIL_FUZZ_SEED shifts all of them for new ground.</summary>
    public static int Seed(int baseSeed) =>
        int.TryParse(Environment.GetEnvironmentVariable("USOCHIL_FUZZ_SEED"), NumberStyles.Integer, CultureInfo.InvariantCulture, out int shift)
            ? unchecked(baseSeed + shift)
            : baseSeed;
}
