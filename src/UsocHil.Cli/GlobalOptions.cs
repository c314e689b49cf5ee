using System.CommandLine;

namespace UsocHil.Cli;

/// <summary>Options every command accepts.</summary>
public static class GlobalOptions
{
    /// <summary>The station file when --station is not given.</summary>
    public const string DefaultStationFile = "rig-config.json";

    public static Option<FileInfo> Station { get; } = new("--station")
    {
        Description = "The station file: which rigs are here and how each is connected",
        DefaultValueFactory = _ => new FileInfo(DefaultStationFile),
        Recursive = true,
    };

    public static Option<int> Verbosity { get; } = new("--verbosity", "-v")
    {
        Description = "Raise the log level: -v debug, -vv verbose (byte traces)",
        Arity = ArgumentArity.ZeroOrOne,
        Recursive = true,
        CustomParser = result => result.Tokens.Count == 0 ? 1 : int.Parse(result.Tokens[0].Value, System.Globalization.CultureInfo.InvariantCulture),
    };

    /// <summary>The results archive option of run, results and report; defaults to the one the station names.</summary>
    public static Option<FileInfo?> Results() => new("--results")
    {
        Description = "The results archive (default: the one named in the station file)",
    };
}
