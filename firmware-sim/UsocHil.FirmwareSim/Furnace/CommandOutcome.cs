namespace UsocHil.FirmwareSim.Furnace;

/// <summary>How the controller answered a command: success, or a service 1 failure code with the offending value.</summary>
public readonly record struct CommandOutcome(int FailureCode, long FailureData = 0)
{
    public bool Succeeded => FailureCode == 0;

    public static CommandOutcome Success => default;

    public static CommandOutcome Failure(int code, long data = 0) => new(code, data);

    public override string ToString() => Succeeded ? "success" : $"failure {FailureCode} ({FailureData})";
}
