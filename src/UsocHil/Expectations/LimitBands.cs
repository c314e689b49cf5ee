using UsocHil.Description;

namespace UsocHil.Expectations;

/// <summary>
/// A <see cref="LimitDefinition"/> unpacked and checked once, so classifying a sample is a few comparisons. A limit
/// without static bands (a delta limit alone) classifies every value as nominal.
/// </summary>
public readonly record struct LimitBands
{
    public LimitBands(LimitDefinition definition)
    {
        Persistence = Math.Max(1, definition.Persistence);
        Parameter = definition.Parameter;
        if (definition.Yellow is null && definition.Red is null)
        {
            (YellowLow, YellowHigh, RedLow, RedHigh) = (double.NegativeInfinity, double.PositiveInfinity, double.NegativeInfinity, double.PositiveInfinity);
            return;
        }

        if (definition.Yellow is not { Count: 2 } || definition.Red is not { Count: 2 })
        {
            throw new ArgumentException($"limit on {definition.Parameter}: yellow and red must each be [low, high]", nameof(definition));
        }

        HasBands = true;
        YellowLow = definition.Yellow[0];
        YellowHigh = definition.Yellow[1];
        RedLow = definition.Red[0];
        RedHigh = definition.Red[1];
        if (!(YellowLow <= YellowHigh && RedLow <= YellowLow && YellowHigh <= RedHigh))
        {
            throw new ArgumentException(
                $"limit on {definition.Parameter}: need red low <= yellow low <= yellow high <= red high, got yellow [{YellowLow}, {YellowHigh}] red [{RedLow}, {RedHigh}]",
                nameof(definition));
        }
    }

    public string Parameter { get; }
    public double YellowLow { get; }
    public double YellowHigh { get; }
    public double RedLow { get; }
    public double RedHigh { get; }
    public int Persistence { get; }
    public bool HasBands { get; }

    public LimitLevel Classify(double value)
    {
        if (!HasBands)
        {
            return LimitLevel.Nominal;
        }

        if (value >= YellowLow && value <= YellowHigh)
        {
            return LimitLevel.Nominal;
        }

        return value >= RedLow && value <= RedHigh ? LimitLevel.Yellow : LimitLevel.Red;
    }
}
