using System.Globalization;

namespace UsocHil.Sequencing.Steps;

/// <summary>
/// Where a threshold search found the trip: the first setting that tripped (<see cref="Tripped"/>) and the highest that
/// did not (<see cref="Clear"/>); the threshold lies between their readings. <see cref="Tripped"/> is null when
/// nothing tripped up to the largest raise allowed; <see cref="Clear"/> is null when it was tripped before any raise.
/// </summary>
internal sealed record ThresholdSearchResult(ThresholdTrial? Tripped, ThresholdTrial? Clear, int Trials, int Resets)
{
    /// <summary>The reading at which the protection tripped, NaN when it never did.</summary>
    public double Threshold => Tripped?.Reading ?? double.NaN;

    /// <summary>The width of the bracket the threshold was found in: the finest increment's effect on the reading.</summary>
    public double Resolution => Tripped is { } t && Clear is { } c ? t.Reading - c.Reading : double.NaN;

    public string Describe(string reading, string raised) => Tripped is not { } tripped
        ? Clear is { } last
            ? string.Create(CultureInfo.InvariantCulture, $"no trip up to {reading} = {last.Reading:G6} ({raised} = {last.Setting:G6}); {Trials} settings")
            : "no setting tried"
        : Clear is not { } clear
            ? string.Create(CultureInfo.InvariantCulture, $"tripped before any raise, at {reading} = {tripped.Reading:G6}")
            : string.Create(CultureInfo.InvariantCulture,
                $"tripped at {reading} = {tripped.Reading:G6} ({raised} = {tripped.Setting:G6}), not at {clear.Reading:G6} ({raised} = {clear.Setting:G6}); {Trials} settings, {Resets} re-arms");
}
