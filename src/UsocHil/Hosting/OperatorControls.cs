namespace UsocHil.Hosting;

/// <summary>
/// What an operator console may do to a run: hold it at the next step boundary, resume it, abort it. Each is recorded
/// with the operator's name, the console it came from and the wall time.
/// </summary>
public sealed class OperatorControls
{
    private readonly RunHost _host;
    private readonly TimeProvider _wall;

    internal OperatorControls(RunHost host, string operatorName, TimeProvider wall)
    {
        _host = host;
        Operator = operatorName;
        _wall = wall;
    }

    /// <summary>The run's operator (--operator, else the login name).</summary>
    public string Operator { get; }

    /// <param name="console">Where the request came from, as the record should say it: "terminal", "monitor (127.0.0.1)".</param>
    public bool Hold(string console) => _host.RequestHold(By(console));

    public bool Resume(string console) => _host.Resume(By(console));

    public bool Abort(string console) => _host.RequestAbort($"abort by {By(console)}");

    /// <summary>"alice at the terminal at 2026-12-05T07:31:02Z".</summary>
    public string By(string console) => $"{Operator} at the {console} at {_wall.GetUtcNow().UtcDateTime:yyyy-MM-ddTHH:mm:ssZ}";
}
