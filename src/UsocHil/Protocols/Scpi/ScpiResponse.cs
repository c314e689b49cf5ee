namespace UsocHil.Protocols.Scpi;

/// <summary>
/// A response message (IEEE 488.2 §8.4.1): response message units separated by <c>;</c>, one per query of the
/// program message, a <c>;</c> inside a quoted string being part of the string.
/// </summary>
public static class ScpiResponse
{
    public static IReadOnlyList<string> Units(string response)
    {
        var units = new List<string>();
        int start = 0;
        char quote = '\0';
        for (int i = 0; i < response.Length; i++)
        {
            char c = response[i];
            if (quote != '\0')
            {
                quote = c == quote ? '\0' : quote;
            }
            else if (c is '"' or '\'')
            {
                quote = c;
            }
            else if (c == ';')
            {
                units.Add(response[start..i].Trim());
                start = i + 1;
            }
        }

        units.Add(response[start..].Trim());
        return units;
    }

    /// <summary>Each unit of the answer as a number: <c>28.0;3.0</c> is 28 and 3.</summary>
    public static IReadOnlyList<ScpiNumber> Numbers(string response, string endpoint) =>
        [.. Units(response).Select(u => ScpiNumber.Parse(u, endpoint))];
}
