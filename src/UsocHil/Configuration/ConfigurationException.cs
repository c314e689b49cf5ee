namespace UsocHil.Configuration;

/// <summary>The configuration cannot be used; carries every problem found, not only the first.</summary>
public sealed class ConfigurationException : Exception
{
    public ConfigurationException(IReadOnlyList<ConfigurationProblem> problems)
        : base(problems.Count == 1 ? problems[0].ToString() : $"{problems.Count} configuration problems, first: {problems[0]}")
    {
        Problems = problems;
    }

    public ConfigurationException(ConfigurationProblem problem)
        : this([problem])
    {
    }

    public IReadOnlyList<ConfigurationProblem> Problems { get; }
}
