namespace UsocHil.Expectations;

/// <summary>
/// A limit's level changed after the excursion (or the return) persisted; <see cref="Value"/> is the sample that
/// confirmed it. <see cref="Change"/> is the change (per second or per sample) when the limit's delta check, not its
/// static band, set the level; <see cref="Condition"/> the condition the limit applies under, if any.
/// </summary>
public readonly record struct LimitTransition(string Parameter, LimitLevel From, LimitLevel To, double Value, double? Change = null, string? Condition = null)
{
    public bool IsRed => To == LimitLevel.Red;
}
