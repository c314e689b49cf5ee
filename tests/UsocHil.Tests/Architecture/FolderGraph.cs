using System.Text.RegularExpressions;

namespace UsocHil.Tests.Architecture;

/// <summary>
/// Which top-level folders of a library's source tree use which others, read from the source: <c>using</c>
/// directives and qualified names (<c>UsocHil.Links.ILink</c>, or <c>Links.ILink</c> from inside the library's own
/// namespace). A folder is its namespace's first segment below the root namespace.
/// </summary>
public sealed partial class FolderGraph
{
    private readonly Dictionary<string, Dictionary<string, List<string>>> _uses = new(StringComparer.Ordinal);

    private FolderGraph(IReadOnlyCollection<string> folders) => Folders = folders;

    /// <summary>The top-level folders, whether or not they use anything.</summary>
    public IReadOnlyCollection<string> Folders { get; }

    public static FolderGraph Read(string sourceRoot, string rootNamespace)
    {
        string[] folders = Directory.GetDirectories(sourceRoot)
            .Select(Path.GetFileName)
            .OfType<string>()
            .Where(name => name is not ("bin" or "obj"))
            .Where(name => Directory.EnumerateFiles(Path.Combine(sourceRoot, name), "*.cs", SearchOption.AllDirectories).Any())
            .Order(StringComparer.Ordinal)
            .ToArray();
        var graph = new FolderGraph(folders);
        var known = new HashSet<string>(folders, StringComparer.Ordinal);
        var qualified = new Regex(@"\b" + Regex.Escape(rootNamespace) + @"\.(\w+)", RegexOptions.CultureInvariant);
        var relative = new Regex(@"(?<![\w.])(\w+)\.(?=[A-Z])", RegexOptions.CultureInvariant);
        HashSet<string> typeNames = TypeNames(sourceRoot);
        foreach (string folder in folders)
        {
            foreach (string file in Directory.EnumerateFiles(Path.Combine(sourceRoot, folder), "*.cs", SearchOption.AllDirectories))
            {
                string relativePath = Path.GetRelativePath(sourceRoot, file);
                if (relativePath.Contains("/obj/", StringComparison.Ordinal) || relativePath.Contains("/bin/", StringComparison.Ordinal))
                {
                    continue;
                }

                string text = File.ReadAllText(file);
                foreach (Match match in qualified.Matches(text))
                {
                    graph.Add(folder, match.Groups[1].Value, relativePath, known);
                }

                // Inside the root namespace a sibling folder can be named without the root: Links.LinkStatistics.
                foreach (Match match in relative.Matches(text))
                {
                    string name = match.Groups[1].Value;
                    if (!typeNames.Contains(name))
                    {
                        graph.Add(folder, name, relativePath, known);
                    }
                }
            }
        }

        return graph;
    }

    /// <summary>The folders <paramref name="folder"/> uses, each with the files that use it.</summary>
    public IReadOnlyDictionary<string, List<string>> UsesOf(string folder) =>
        _uses.TryGetValue(folder, out Dictionary<string, List<string>>? uses) ? uses : new Dictionary<string, List<string>>();

    /// <summary>Every cycle between folders, each as the folders in order with the first repeated at the end.</summary>
    public IReadOnlyList<IReadOnlyList<string>> Cycles()
    {
        var cycles = new List<IReadOnlyList<string>>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (string start in Folders)
        {
            var path = new List<string> { start };
            Walk(start, start, path, cycles, seen);
        }

        return cycles;
    }

    private void Walk(string start, string at, List<string> path, List<IReadOnlyList<string>> cycles, HashSet<string> seen)
    {
        foreach (string next in UsesOf(at).Keys.Order(StringComparer.Ordinal))
        {
            if (next == start)
            {
                // Report each cycle once, from its smallest folder name.
                if (path.Min(StringComparer.Ordinal) == start && seen.Add(string.Join(">", path)))
                {
                    cycles.Add([.. path, start]);
                }
            }
            else if (!path.Contains(next) && path.Count < Folders.Count)
            {
                path.Add(next);
                Walk(start, next, path, cycles, seen);
                path.RemoveAt(path.Count - 1);
            }
        }
    }

    private void Add(string from, string to, string file, HashSet<string> known)
    {
        if (from == to || !known.Contains(to))
        {
            return;
        }

        if (!_uses.TryGetValue(from, out Dictionary<string, List<string>>? uses))
        {
            _uses[from] = uses = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        }

        if (!uses.TryGetValue(to, out List<string>? files))
        {
            uses[to] = files = [];
        }

        if (!files.Contains(file))
        {
            files.Add(file);
        }
    }

    /// <summary>Names declared as types anywhere in the tree: <c>Calibration.Evaluate</c> is a type, not a folder.</summary>
    private static HashSet<string> TypeNames(string sourceRoot) =>
        Directory.EnumerateFiles(sourceRoot, "*.cs", SearchOption.AllDirectories)
            .SelectMany(file => TypeDeclaration().Matches(File.ReadAllText(file)).Select(m => m.Groups[1].Value))
            .ToHashSet(StringComparer.Ordinal);

    [GeneratedRegex(@"\b(?:class|record|struct|interface|enum)\s+(\w+)", RegexOptions.CultureInvariant)]
    private static partial Regex TypeDeclaration();
}
