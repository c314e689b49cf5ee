using System.Security.Cryptography;
using UsocHil.Description;

namespace UsocHil.Configuration;

/// <summary>A station file and every rig it names, loaded and checked.</summary>
/// <param name="File">The station file's full path.</param>
public sealed record LoadedStation(string File, StationConfig Config, IReadOnlyDictionary<string, LoadedRig> Rigs)
{
    private readonly Lazy<string> _sha256 = new("");

    /// <param name="sha256">Hex SHA-256 of the station file.</param>
    public LoadedStation(string file, string sha256, StationConfig config, IReadOnlyDictionary<string, LoadedRig> rigs)
        : this(file, config, rigs) => _sha256 = new(sha256);

    /// <param name="content">The station file's bytes as loaded, hashed only when a run records them.</param>
    internal LoadedStation(string file, byte[] content, StationConfig config, IReadOnlyDictionary<string, LoadedRig> rigs)
        : this(file, config, rigs) => _sha256 = new(() => Convert.ToHexStringLower(SHA256.HashData(content)));

    /// <summary>
    /// Hex SHA-256 of the station file as it was loaded, recorded with every run; worked out on first use, as hashing's
    /// first use in the process (OpenSSL) was about 5 ms of every command that reads the station (figure 13).
    /// </summary>
    public string Sha256 => _sha256.Value;

    public string Directory => Path.GetDirectoryName(File)!;

    /// <summary>The results archive the station names, as a full path.</summary>
    public string ResultsPath => Path.GetFullPath(Path.Combine(Directory, Config.Results));

    /// <summary>The extension assemblies the station names, as full paths, in its order.</summary>
    public IReadOnlyList<string> ExtensionFiles => [.. Config.Extensions.Select(e => Path.GetFullPath(Path.Combine(Directory, e)))];

    public string LogDirectory => Path.GetFullPath(Path.Combine(Directory, Config.Logging.Directory));

    /// <summary>The rig by name, or a configuration error naming the station file and the rigs it has.</summary>
    public LoadedRig Rig(string name) =>
        Rigs.TryGetValue(name, out LoadedRig? rig)
            ? rig
            : throw new ConfigurationException(new ConfigurationProblem(
                File, "$.rigs", 0, $"unknown rig '{name}'; this station has: {string.Join(", ", Rigs.Keys)}"));
}

/// <summary>One rig: its portable definition and this station's binding of it.</summary>
/// <param name="Directory">The folder holding rig.json and sequences/.</param>
public sealed record LoadedRig(string Name, string Directory, RigDefinition Definition, RigBinding Binding)
{
    public string SequencesDirectory => Path.Combine(Directory, "sequences");

    /// <summary>The sequence files shipped with the rig, by name (file name without .json).</summary>
    public IReadOnlyList<string> SequenceNames =>
        System.IO.Directory.Exists(SequencesDirectory)
            ? System.IO.Directory.GetFiles(SequencesDirectory, "*.json").Select(Path.GetFileNameWithoutExtension).OfType<string>().Order(StringComparer.Ordinal).ToList()
            : [];

    /// <summary>
    /// The file of a named sequence. Names are plain identifiers: a name with a path separator or "..", or one
    /// that is not shipped, is a configuration error, so a sequence can never be read from outside the rig's folder.
    /// </summary>
    public string SequenceFile(string sequence)
    {
        bool plain = sequence.Length is > 0 and <= 100 && sequence.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');
        if (!plain)
        {
            throw new ConfigurationException(new ConfigurationProblem(
                SequencesDirectory, "", 0, $"'{sequence}' is not a sequence name (letters, digits, '-' and '_' only)"));
        }

        string file = Path.Combine(SequencesDirectory, sequence + ".json");
        return File.Exists(file)
            ? file
            : throw new ConfigurationException(new ConfigurationProblem(
                SequencesDirectory, "", 0, $"unknown sequence '{sequence}' for rig {Name}; it has: {string.Join(", ", SequenceNames)}"));
    }
}
