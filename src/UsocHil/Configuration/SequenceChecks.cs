namespace UsocHil.Configuration;

/// <summary>
/// Checks the sequence files of a rig. The sequence engine registers its validator here, so that
/// <c>config validate</c> reports sequence problems with the same file:line: path: message lines.
/// </summary>
public static class SequenceChecks
{
    private static Func<LoadedRig, string, IEnumerable<ConfigurationProblem>> s_validator = (_, _) => [];

    public static void Register(Func<LoadedRig, string, IEnumerable<ConfigurationProblem>> validator) => s_validator = validator;

    public static IEnumerable<ConfigurationProblem> CheckAll(LoadedRig rig) =>
        rig.SequenceNames.SelectMany(name => s_validator(rig, rig.SequenceFile(name)));
}
