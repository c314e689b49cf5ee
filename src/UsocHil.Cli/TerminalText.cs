using System.Globalization;
using System.Text;

namespace UsocHil.Cli;

/// <summary>
/// Text from a sequence file, a rig or an archive on its way to the operator's terminal: control characters (escape
/// sequences that retitle, clear or rewrite the screen, carriage returns that overwrite a line, C1 controls) and
/// bidirectional overrides are shown as escapes (<c>\x1b</c>, <c>\r</c>, <c>\u202e</c>), so device text can neither
/// drive the terminal nor disguise what it says.
/// </summary>
internal static class TerminalText
{
    public static string Escape(string? text)
    {
        if (string.IsNullOrEmpty(text) || !text.Any(NeedsEscape))
        {
            return text ?? "";
        }

        var escaped = new StringBuilder(text.Length + 16);
        foreach (char c in text)
        {
            escaped.Append(c switch
            {
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                _ when c < 0x100 && NeedsEscape(c) => "\\x" + ((int)c).ToString("x2", CultureInfo.InvariantCulture),
                _ when NeedsEscape(c) => "\\u" + ((int)c).ToString("x4", CultureInfo.InvariantCulture),
                _ => c.ToString(),
            });
        }

        return escaped.ToString();
    }

    private static bool NeedsEscape(char c) =>
        c < 0x20 || c is >= '\u007f' and <= '\u009f' || c is >= '\u202a' and <= '\u202e' || c is >= '\u2066' and <= '\u2069';
}
