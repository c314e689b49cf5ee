namespace UsocHil.FirmwareSim.Instruments.Scpi;

/// <summary>
/// A SCPI command header pattern in the standard notation: upper case is the short form, the whole mnemonic the long
/// form, either accepted in any case (SCPI-99 §6.2); <c>[NODE:]</c> marks an optional node; a trailing <c>?</c> makes it
/// a query. <c>MEASure[:SCALar]:VOLTage[:DC]?</c> accepts <c>MEAS:VOLT?</c> and <c>measure:scalar:voltage:dc?</c>.
/// A typed node may carry the numeric suffix 1 (<c>OUTP1</c>), the only instance these instruments have.
/// </summary>
public sealed class ScpiHeader
{
    private readonly (string Short, string Long, bool Optional)[] _nodes;

    public ScpiHeader(string pattern)
    {
        Pattern = pattern;
        IsQuery = pattern.EndsWith('?');
        IsCommon = pattern.StartsWith('*');
        string body = IsQuery ? pattern[..^1] : pattern;
        var nodes = new List<(string, string, bool)>();
        foreach (string raw in body.Replace("[:", ":[", StringComparison.Ordinal).Split(':', StringSplitOptions.RemoveEmptyEntries))
        {
            bool optional = raw.StartsWith('[');
            string mnemonic = raw.Trim('[', ']');
            string shortForm = new([.. mnemonic.Where(c => !char.IsLower(c))]);
            nodes.Add((shortForm.ToUpperInvariant(), mnemonic.ToUpperInvariant(), optional));
        }

        _nodes = [.. nodes];
    }

    public string Pattern { get; }

    public bool IsQuery { get; }

    public bool IsCommon { get; }

    /// <summary>Whether a typed header, as written (relative to the root), names this command.</summary>
    public bool Matches(string header)
    {
        bool query = header.EndsWith('?');
        string[] parts = (query ? header[..^1] : header).TrimStart(':').ToUpperInvariant().Split(':');
        return Matches(parts, query) == ScpiHeaderMatch.Yes;
    }

    /// <summary>Matches the full path of a typed header (nodes in upper case); a suffix other than 1 is told apart.</summary>
    public ScpiHeaderMatch Matches(IReadOnlyList<string> nodes, bool query)
    {
        if (query != IsQuery)
        {
            return ScpiHeaderMatch.No;
        }

        bool suffixed = false;
        return Match(nodes, 0, 0, ref suffixed) ? (suffixed ? ScpiHeaderMatch.SuffixOutOfRange : ScpiHeaderMatch.Yes) : ScpiHeaderMatch.No;
    }

    private bool Match(IReadOnlyList<string> parts, int part, int node, ref bool suffixed)
    {
        if (node == _nodes.Length)
        {
            return part == parts.Count;
        }

        (string shortForm, string longForm, bool optional) = _nodes[node];
        if (part < parts.Count)
        {
            string typed = parts[part];
            string stem = typed.TrimEnd("0123456789".ToCharArray());
            string suffix = typed[stem.Length..];
            bool here = stem == shortForm || stem == longForm;
            if (here)
            {
                bool deeper = suffixed || (suffix.Length > 0 && suffix != "1");
                if (Match(parts, part + 1, node + 1, ref deeper))
                {
                    suffixed = deeper;
                    return true;
                }
            }
        }

        return optional && Match(parts, part, node + 1, ref suffixed);
    }
}

/// <summary>How a typed header compares with a pattern.</summary>
public enum ScpiHeaderMatch
{
    No,
    Yes,

    /// <summary>The header names this command with a numeric suffix the instrument does not have (-114).</summary>
    SuffixOutOfRange,
}
