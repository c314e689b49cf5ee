namespace UsocHil.Protocols.Scpi;

/// <summary>The standard event status register's bits (IEEE 488.2 §11.5.1.1), as <c>*ESR?</c> answers them.</summary>
public static class ScpiEventStatus
{
    public const int OperationComplete = 1 << 0;
    public const int RequestControl = 1 << 1;
    public const int QueryError = 1 << 2;
    public const int DeviceDependentError = 1 << 3;
    public const int ExecutionError = 1 << 4;
    public const int CommandError = 1 << 5;
    public const int UserRequest = 1 << 6;
    public const int PowerOn = 1 << 7;

    /// <summary>QYE, DDE, EXE and CME: the bits that mean something went wrong.</summary>
    public const int ErrorBits = QueryError | DeviceDependentError | ExecutionError | CommandError;

    private static readonly string[] Names = ["OPC", "RQC", "QYE", "DDE", "EXE", "CME", "URQ", "PON"];

    public static string Describe(int status) =>
        string.Join(' ', Enumerable.Range(0, 8).Where(b => (status & (1 << b)) != 0).Select(b => Names[b]));

    /// <summary>The bit an error of this SCPI code sets (SCPI-99 §21.8): -1xx command, -2xx execution, -3xx and positive device-dependent, -4xx query.</summary>
    public static int BitFor(int code) => code switch
    {
        <= -100 and > -200 => CommandError,
        <= -200 and > -300 => ExecutionError,
        <= -400 and > -500 => QueryError,
        0 => 0,
        _ => DeviceDependentError,
    };
}
