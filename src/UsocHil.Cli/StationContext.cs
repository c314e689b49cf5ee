using System.CommandLine;
using UsocHil.Configuration;

namespace UsocHil.Cli;

/// <summary>The station a command works on, from the global --station option.</summary>
public static class StationContext
{
    public static LoadedStation Load(ParseResult parseResult) =>
        StationLoader.Load(parseResult.GetValue(GlobalOptions.Station)!.FullName);

    /// <summary>The archive named by --results, else the one the station names (without requiring the rigs to load).</summary>
    public static string ResultsPath(ParseResult parseResult, Option<FileInfo?> resultsOption) =>
        parseResult.GetResult(resultsOption)?.Tokens is [{ } token] && UsocHil.Central.CentralConnection.Names(token.Value)
            ? token.Value
            : parseResult.GetValue(resultsOption)?.FullName ?? Load(parseResult).ResultsPath;
}
