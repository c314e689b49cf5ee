using System.Globalization;
using System.Text.Json.Nodes;

namespace UsocHil.Testing;

/// <summary>
/// A station file's instrument register for test benches that bind a rig as hardware: a real rig's reference
/// instrument must be registered and in calibration (calibrated a month ago, due in eleven months).
/// </summary>
public static class InstrumentRegister
{
    public static JsonArray InCalibration(string rig, string instrument) => new(new JsonObject
    {
        ["rig"] = rig,
        ["instrument"] = instrument,
        ["serial"] = $"{instrument.ToUpperInvariant()}-0001",
        ["certificate"] = $"CAL-{instrument.ToUpperInvariant()}-0001",
        ["calibrated"] = TimeProvider.System.GetUtcNow().AddMonths(-1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        ["due"] = TimeProvider.System.GetUtcNow().AddMonths(11).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
    });
}
