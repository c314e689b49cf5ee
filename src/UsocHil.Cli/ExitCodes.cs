namespace UsocHil.Cli;

/// <summary>The documented exit codes of usoc-hil (README "Exit codes").</summary>
public static class ExitCodes
{
    /// <summary>Every verdict passed.</summary>
    public const int Passed = 0;

    /// <summary>At least one verdict failed.</summary>
    public const int VerdictFailed = 1;

    /// <summary>Usage or configuration error: nothing was sent to the rig.</summary>
    public const int UsageOrConfiguration = 2;

    /// <summary>The rig or a link to it failed, or the results archive failed mid-run (the rig was safed first).</summary>
    public const int RigOrLinkFault = 3;

    /// <summary>The operator aborted the run (Ctrl-C, SIGTERM, SIGHUP, SIGQUIT or the monitor's abort); the rig was safed.</summary>
    public const int Aborted = 130;

    public const string HelpText =
        "Exit codes: 0 all verdicts passed, 1 a verdict failed, 2 usage or configuration error, 3 rig or link fault or the archive failed mid-run, 130 aborted by the operator.";
}
