namespace UsocHil.Central;

/// <summary>A booking of a rig (an engineering model) by an operator of a station, for [From, Until).</summary>
public sealed record Reservation(long Id, string Rig, string Station, string Operator, DateTimeOffset From, DateTimeOffset Until, string? Note)
{
    public bool HeldAt(DateTimeOffset time) => From <= time && time < Until;
}
