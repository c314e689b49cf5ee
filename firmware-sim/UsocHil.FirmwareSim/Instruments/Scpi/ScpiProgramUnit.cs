namespace UsocHil.FirmwareSim.Instruments.Scpi;

/// <summary>
/// One program message unit (IEEE 488.2 §7.3): a header, common (<c>*ESE</c>) or compound (<c>:SOUR:VOLT</c>, nodes in
/// upper case, rooted when it starts with a colon), a query mark, and its parameters separated by commas.
/// </summary>
public sealed record ScpiProgramUnit(bool Common, bool Rooted, IReadOnlyList<string> Nodes, bool Query, IReadOnlyList<string> Parameters)
{
    public const int MaxMnemonicLength = 12;

    public const int MaxParameterLength = 256;

    /// <summary>Splits a program message into its units at semicolons outside quoted strings.</summary>
    public static IReadOnlyList<string> Split(string message)
    {
        var units = new List<string>();
        int start = 0;
        char quote = '\0';
        for (int i = 0; i < message.Length; i++)
        {
            char c = message[i];
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
                units.Add(message[start..i]);
                start = i + 1;
            }
        }

        units.Add(message[start..]);
        return units;
    }

    /// <summary>Parses one unit; anything IEEE 488.2 does not allow throws the <see cref="ScpiException"/> SCPI-99 names for it.</summary>
    public static ScpiProgramUnit Parse(string unit)
    {
        string text = unit.Trim(' ', '\t');
        if (text.Length == 0)
        {
            throw ScpiException.SyntaxError();
        }

        int i = 0;
        bool common = text[0] == '*';
        bool rooted = !common && text[0] == ':';
        var nodes = new List<string>();
        if (common)
        {
            i = 1;
            nodes.Add("*" + Mnemonic(text, ref i));
        }
        else
        {
            i = rooted ? 1 : 0;
            nodes.Add(Mnemonic(text, ref i));
            while (i < text.Length && text[i] == ':')
            {
                i++;
                nodes.Add(Mnemonic(text, ref i));
            }
        }

        bool query = i < text.Length && text[i] == '?';
        if (query)
        {
            i++;
        }

        if (i == text.Length)
        {
            return new ScpiProgramUnit(common, rooted, nodes, query, []);
        }

        if (text[i] is not (' ' or '\t'))
        {
            throw ScpiException.SyntaxError();
        }

        return new ScpiProgramUnit(common, rooted, nodes, query, ParseParameters(text[(i + 1)..]));
    }

    private static string Mnemonic(string text, ref int i)
    {
        int start = i;
        if (i >= text.Length || !char.IsAsciiLetter(text[i]))
        {
            throw ScpiException.SyntaxError();
        }

        while (i < text.Length && (char.IsAsciiLetterOrDigit(text[i]) || text[i] == '_'))
        {
            i++;
        }

        // The digits at the end are a numeric suffix, not part of the mnemonic's length.
        string mnemonic = text[start..i].ToUpperInvariant();
        return mnemonic.TrimEnd("0123456789".ToCharArray()).Length > MaxMnemonicLength ? throw ScpiException.ProgramMnemonicTooLong() : mnemonic;
    }

    private static List<string> ParseParameters(string text)
    {
        var parameters = new List<string>();
        int start = 0;
        char quote = '\0';
        for (int i = 0; i <= text.Length; i++)
        {
            char c = i < text.Length ? text[i] : ',';
            if (quote != '\0' && i < text.Length)
            {
                quote = c == quote ? '\0' : quote;
                continue;
            }

            if (c is '"' or '\'')
            {
                quote = c;
            }
            else if (c == ',')
            {
                string parameter = text[start..i].Trim(' ', '\t');
                if (parameter.Length == 0)
                {
                    if (i == text.Length && parameters.Count == 0)
                    {
                        break;
                    }

                    throw ScpiException.SyntaxError();
                }

                parameters.Add(parameter.Length > MaxParameterLength ? throw ScpiException.TooMuchData() : parameter);
                start = i + 1;
            }
        }

        return quote != '\0' ? throw ScpiException.SyntaxError() : parameters;
    }
}
