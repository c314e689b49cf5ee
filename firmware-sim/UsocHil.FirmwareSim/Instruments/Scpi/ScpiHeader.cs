namespace UsocHil.FirmwareSim.Instruments.Scpi;

/// <summary>
/// A SCPI command header pattern in the standard notation: upper case is the short form, the whole mnemonic the long
/// form, either accepted in any case (SCPI-99 §6.2); <c>[NODE:]</c> marks an optional node; a trailing <c>?</c> makes it
/// a query. <c>MEASure[:SCALar]:VOLTage[:DC]?</c> accepts <c>MEAS:VOLT?</c> and <c>measure:scalar:voltage:dc?</c>.
/// </summary>
public sealed class ScpiHeader
{
    private readonly (string Short, string Long, bool Optional)[] _nodes;

    public ScpiHeader(string pattern)
    {
        Pattern = pattern;
        IsQuery = pattern.EndsWith('?');
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

    public bool Matches(string header)
    {
        bool query = header.EndsWith('?');
        if (query != IsQuery)
        {
            return false;
        }

        string[] parts = (query ? header[..^1] : header).TrimStart(':').ToUpperInvariant().Split(':');
        return Match(parts, 0, 0);
    }

    private bool Match(string[] parts, int part, int node)
    {
        if (node == _nodes.Length)
        {
            return part == parts.Length;
        }

        (string shortForm, string longForm, bool optional) = _nodes[node];
        bool here = part < parts.Length && (parts[part] == shortForm || parts[part] == longForm);
        return (here && Match(parts, part + 1, node + 1)) || (optional && Match(parts, part, node + 1));
    }
}
