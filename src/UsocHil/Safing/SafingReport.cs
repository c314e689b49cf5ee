namespace UsocHil.Safing;

/// <summary>One safing action and how it went.</summary>
public sealed record SafingAction(string Name, bool Succeeded, string? Error, TimeSpan Duration);

/// <summary>What safing did; <see cref="AllSucceeded"/> is false if any action failed, though every action was tried.</summary>
public sealed record SafingReport(IReadOnlyList<SafingAction> Actions, TimeSpan Duration)
{
    public bool AllSucceeded => Actions.All(a => a.Succeeded);
}
