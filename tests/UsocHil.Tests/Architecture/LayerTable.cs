namespace UsocHil.Tests.Architecture;

/// <summary>
/// The layer order written in the README's architecture section: a table of layer numbers and folders. A folder may
/// use only folders of a lower layer.
/// </summary>
public sealed class LayerTable
{
    private const string Heading = "### Layers";
    private readonly Dictionary<string, int> _layerOf;

    private LayerTable(Dictionary<string, int> layerOf) => _layerOf = layerOf;

    public IReadOnlyCollection<string> Folders => _layerOf.Keys;

    public static LayerTable ReadFromReadme(string readmePath)
    {
        string[] lines = File.ReadAllLines(readmePath);
        int start = Array.IndexOf(lines, Heading);
        if (start < 0)
        {
            throw new InvalidDataException($"{readmePath}: no '{Heading}' section");
        }

        var layerOf = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (string line in lines.Skip(start + 1).SkipWhile(l => !l.StartsWith('|')).TakeWhile(l => l.StartsWith('|')))
        {
            string[] cells = line.Trim('|').Split('|', StringSplitOptions.TrimEntries);
            if (cells.Length < 2 || !int.TryParse(cells[0], out int layer))
            {
                continue;
            }

            foreach (string folder in cells[1].Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                layerOf[folder.Trim('`', '/')] = layer;
            }
        }

        return layerOf.Count > 0 ? new LayerTable(layerOf) : throw new InvalidDataException($"{readmePath}: the '{Heading}' table is empty");
    }

    public int? LayerOf(string folder) => _layerOf.TryGetValue(folder, out int layer) ? layer : null;

    /// <summary>Every use of a folder that is not in a lower layer, as "A (layer a) uses B (layer b) in file".</summary>
    public IReadOnlyList<string> Violations(FolderGraph graph)
    {
        var violations = new List<string>();
        foreach (string folder in graph.Folders)
        {
            if (LayerOf(folder) is not int layer)
            {
                violations.Add($"{folder} is in no layer of the README's table");
                continue;
            }

            foreach ((string used, List<string> files) in graph.UsesOf(folder))
            {
                if (LayerOf(used) is int usedLayer && usedLayer >= layer)
                {
                    violations.Add($"{folder} (layer {layer}) uses {used} (layer {usedLayer}) in {string.Join(", ", files)}");
                }
            }
        }

        return violations;
    }
}
