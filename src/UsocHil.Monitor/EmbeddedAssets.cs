using System.Reflection;
using Microsoft.AspNetCore.Http;
using HttpResults = Microsoft.AspNetCore.Http.Results;

namespace UsocHil.Monitor;

/// <summary>The page's files, embedded at build time (web/src and uPlot from npm), served with no network access.</summary>
internal static class EmbeddedAssets
{
    private static readonly Assembly s_assembly = typeof(EmbeddedAssets).Assembly;

    private static readonly Dictionary<string, string> s_types = new(StringComparer.OrdinalIgnoreCase)
    {
        [".html"] = "text/html; charset=utf-8",
        [".js"] = "text/javascript; charset=utf-8",
        [".css"] = "text/css; charset=utf-8",
        [".svg"] = "image/svg+xml",
        [".txt"] = "text/plain; charset=utf-8",
    };

    public static IReadOnlyList<string> Names { get; } = s_assembly.GetManifestResourceNames()
        .Where(n => n.StartsWith("web/", StringComparison.Ordinal)).Select(n => n["web/".Length..]).Order(StringComparer.Ordinal).ToArray();

    public static bool Exists(string path) => Names.Contains(path, StringComparer.Ordinal);

    public static IResult Serve(string path)
    {
        Stream? stream = s_assembly.GetManifestResourceStream("web/" + path);
        if (stream is null)
        {
            return HttpResults.NotFound();
        }

        string type = s_types.GetValueOrDefault(Path.GetExtension(path), "application/octet-stream");
        return HttpResults.Stream(stream, type);
    }
}
