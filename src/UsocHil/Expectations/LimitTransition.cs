namespace UsocHil.Expectations;

/// <summary>A parameter's limit level changed after the excursion (or the return) persisted; <see cref="Value"/> is the sample that confirmed it.</summary>
public readonly record struct LimitTransition(string Parameter, LimitLevel From, LimitLevel To, double Value)
{
    public bool IsRed => To == LimitLevel.Red;
}
