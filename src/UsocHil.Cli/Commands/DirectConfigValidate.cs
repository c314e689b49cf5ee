namespace UsocHil.Cli.Commands;

/// <summary>
/// <c>usoc-hil config validate [file]</c> run without building the command tree: building it, parsing and invoking
/// took about 15 ms of the command's start-up (docs/PERFORMANCE.md, figure 13). Only these plain forms are taken;
/// anything else (an option, another word, a response file) goes to the parser, so its errors and help read as always.
/// DirectConfigValidateTests hold the two ways to the same output and exit code.
/// </summary>
internal static class DirectConfigValidate
{
    /// <summary>True for <c>config validate</c> with at most a station file that cannot be read as an option or a directive.</summary>
    public static bool Accepts(string[] args) => args switch
    {
        ["config", "validate"] => true,
        ["config", "validate", string file] => IsPlainPath(file),
        _ => false,
    };

    /// <summary>The station file's full path, as the parser would read it.</summary>
    public static string StationFile(string[] args) => new FileInfo(args.Length > 2 ? args[2] : GlobalOptions.DefaultStationFile).FullName;

    public static Task<int> RunAsync(string[] args, CancellationToken cancellationToken) =>
        CommandHandler.RunAsync(
            () => Task.FromResult(ConfigCommand.Validate(StationFile(args), allowRaw: false)),
            verbosity: () => 0,
            cancellationToken);

    private static bool IsPlainPath(string file) =>
        file.Length > 0 && file[0] is not ('-' or '@' or '[') && !file.Contains('\0', StringComparison.Ordinal) && !string.IsNullOrWhiteSpace(file);
}
