namespace UsocHil.Configuration;

/// <summary>
/// Checks the sequence files of a rig. The sequence engine registers its validator here, so that
/// <c>config validate</c> reports sequence problems with the same file:line: path: message lines.
/// </summary>
public static class SequenceChecks
{
    private static Func<LoadedRig, string, bool, IEnumerable<ConfigurationProblem>> s_validator = (_, _, _) => [];

    /// <param name="validator">Checks one sequence file of a rig; its flag accepts raw steps, as <c>run --raw</c> does.</param>
    public static void Register(Func<LoadedRig, string, bool, IEnumerable<ConfigurationProblem>> validator) => s_validator = validator;

    public static IEnumerable<ConfigurationProblem> CheckAll(LoadedRig rig, bool allowRawPackets = false) =>
        rig.SequenceNames.SelectMany(name => s_validator(rig, rig.SequenceFile(name), allowRawPackets));
}
