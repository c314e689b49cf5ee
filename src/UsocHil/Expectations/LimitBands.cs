using UsocHil.Description;

namespace UsocHil.Expectations;

/// <summary>A <see cref="LimitDefinition"/> unpacked and checked once, so classifying a sample is a few comparisons.</summary>
public readonly record struct LimitBands
{
    public LimitBands(LimitDefinition definition)
    {
        if (definition.Yellow.Count != 2 || definition.Red.Count != 2)
        {
            throw new ArgumentException($"limit on {definition.Parameter}: yellow and red must each be [low, high]", nameof(definition));
        }

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

        Persistence = Math.Max(1, definition.Persistence);
        Parameter = definition.Parameter;
    }

    public string Parameter { get; }
    public double YellowLow { get; }
    public double YellowHigh { get; }
    public double RedLow { get; }
    public double RedHigh { get; }
    public int Persistence { get; }

    public LimitLevel Classify(double value)
    {
        if (value >= YellowLow && value <= YellowHigh)
        {
            return LimitLevel.Nominal;
        }

        return value >= RedLow && value <= RedHigh ? LimitLevel.Yellow : LimitLevel.Red;
    }
}
