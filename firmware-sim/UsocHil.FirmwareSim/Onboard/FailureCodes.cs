namespace UsocHil.FirmwareSim.Onboard;

/// <summary>
/// The service 1 failures every PUS payload reports, by the name the rig's dictionary gives them (its
/// <c>failureCodes</c>); the number here is only used when the dictionary names none.
/// </summary>
internal static class FailureCodes
{
    public static readonly (string Name, int Code) UnknownService = ("UNKNOWN_SERVICE", 1);
    public static readonly (string Name, int Code) InvalidLength = ("INVALID_LENGTH", 2);
    public static readonly (string Name, int Code) UnknownFunction = ("UNKNOWN_FUNCTION", 3);
    public static readonly (string Name, int Code) InvalidArgument = ("INVALID_ARGUMENT", 4);
    public static readonly (string Name, int Code) UnknownParameter = ("UNKNOWN_PARAMETER", 5);
    public static readonly (string Name, int Code) NotReady = ("NOT_READY", 8);
    public static readonly (string Name, int Code) ReadOnlyParameter = ("READ_ONLY_PARAMETER", 9);
}
