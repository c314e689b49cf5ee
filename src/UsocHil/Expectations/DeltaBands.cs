using UsocHil.Description;

namespace UsocHil.Expectations;

/// <summary>A <see cref="DeltaLimitDefinition"/> checked once: the change between two samples classified by a few comparisons.</summary>
public readonly record struct DeltaBands
{
    public DeltaBands(DeltaLimitDefinition? definition, string parameter)
    {
        if (definition is null)
        {
            return;
        }

        if (!(definition.Yellow > 0 && definition.Yellow <= definition.Red))
        {
            throw new ArgumentException($"delta limit on {parameter}: need 0 < yellow <= red, got yellow {definition.Yellow} red {definition.Red}", nameof(definition));
        }

        IsSet = true;
        Yellow = definition.Yellow;
        Red = definition.Red;
        PerSecond = definition.Per == DeltaBasis.Second;
    }

    public bool IsSet { get; }
    public double Yellow { get; }
    public double Red { get; }
    public bool PerSecond { get; }

    /// <summary>
    /// The change from (<paramref name="previous"/>, <paramref name="previousSeconds"/>) to the sample, or NaN when it
    /// cannot be measured: no previous sample, or per second with no rig time between them.
    /// </summary>
    public double Change(double previous, double previousSeconds, double value, double seconds) =>
        Math.Abs(SignedChange(previous, previousSeconds, value, seconds));

    /// <summary>The change as <see cref="Change"/> measures it, with its sign: a rise is positive, a fall negative.</summary>
    public double SignedChange(double previous, double previousSeconds, double value, double seconds)
    {
        double change = value - previous;
        if (!PerSecond)
        {
            return change;
        }

        double interval = seconds - previousSeconds;
        return interval > 0 ? change / interval : double.NaN;
    }

    public LimitLevel Classify(double change) =>
        !(change > Yellow) ? LimitLevel.Nominal : change > Red ? LimitLevel.Red : LimitLevel.Yellow;
}
