using System.Text;

namespace UsocHil.Cli.Help;

/// <summary>
/// System.CommandLine's help layout, written out so that <see cref="TopLevelHelp"/> can print the same text without
/// building the command tree: headings, descriptions wrapped at the width less the indent, and two-column rows whose
/// first column shrinks to half the width when a row does not fit. TopLevelHelpTests compares the two at many widths.
/// </summary>
internal sealed class HelpLayout(int maxWidth)
{
    private const string Indent = "  ";

    private readonly StringBuilder _text = new(4096);

    public void Heading(string heading, string? description = null)
    {
        _text.AppendLine(heading);
        if (!string.IsNullOrWhiteSpace(description))
        {
            foreach (string part in Wrap(description, maxWidth - Indent.Length))
            {
                _text.Append(Indent).AppendLine(part);
            }
        }
    }

    public void Columns(IReadOnlyList<(string First, string Second)> rows)
    {
        int firstWidth = rows.Max(r => r.First.Length);
        int secondWidth = rows.Max(r => r.Second.Length);
        if (firstWidth + secondWidth + 2 * Indent.Length > maxWidth)
        {
            int firstMaxWidth = maxWidth / 2 - Indent.Length;
            if (firstWidth > firstMaxWidth)
            {
                firstWidth = rows.SelectMany(r => Wrap(r.First, firstMaxWidth)).Max(part => part.Length);
            }

            secondWidth = maxWidth - firstWidth - 2 * Indent.Length;
        }

        foreach ((string first, string second) in rows)
        {
            List<string> firstParts = Wrap(first, firstWidth);
            List<string> secondParts = Wrap(second, secondWidth);
            for (int i = 0; i < Math.Max(firstParts.Count, secondParts.Count); i++)
            {
                string left = i < firstParts.Count ? firstParts[i] : "";
                _text.Append(Indent).Append(left);
                if (i < secondParts.Count && !string.IsNullOrWhiteSpace(secondParts[i]))
                {
                    _text.Append(' ', Math.Max(0, firstWidth - left.Length)).Append(Indent).Append(secondParts[i]);
                }

                _text.AppendLine();
            }
        }
    }

    public void EndSection() => _text.AppendLine();

    public override string ToString() => _text.ToString();

    /// <summary>Breaks after the last white space that fits (keeping it), or at the width in a word longer than that.</summary>
    private static List<string> Wrap(string text, int width)
    {
        var parts = new List<string>();
        if (string.IsNullOrWhiteSpace(text))
        {
            return parts;
        }

        foreach (string line in text.Split(["\r\n", "\n"], StringSplitOptions.None))
        {
            if (line.Length <= width)
            {
                parts.Add(line);
                continue;
            }

            for (int i = 0; i < line.Length;)
            {
                if (line.Length - i < width)
                {
                    parts.Add(line[i..]);
                    break;
                }

                int length = -1;
                for (int j = 0; i + j < line.Length && j < width; j++)
                {
                    if (char.IsWhiteSpace(line[i + j]))
                    {
                        length = j + 1;
                    }
                }

                length = length == -1 ? width : length;
                parts.Add(line.Substring(i, length));
                i += length;
            }
        }

        return parts;
    }
}
