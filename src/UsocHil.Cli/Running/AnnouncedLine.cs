using Spectre.Console;
using Spectre.Console.Rendering;

namespace UsocHil.Cli.Running;

/// <summary>
/// A line written above the live panel. The panel is redrawn by moving the cursor back over it, so whatever goes there
/// first lands on the panel's old border: each screen line is erased before it is written (erase in line, ECMA-48
/// EL 2), and cut where the terminal would wrap, so no fragment of the border is left beside the text.
/// </summary>
internal sealed class AnnouncedLine(string text, Style style) : IRenderable
{
    private const string EraseLine = "\u001b[2K";

    public Measurement Measure(RenderOptions options, int maxWidth) => new(Math.Min(text.Length, maxWidth), Math.Min(text.Length, maxWidth));

    public IEnumerable<Segment> Render(RenderOptions options, int maxWidth)
    {
        // One column short of the edge: a line that fills it leaves the cursor pending a wrap on some terminals.
        int width = Math.Max(1, maxWidth - 1);
        for (int start = 0; start == 0 || start < text.Length; start += width)
        {
            if (options.Ansi)
            {
                yield return Segment.Control(EraseLine);
            }

            yield return new Segment(text.Substring(start, Math.Min(width, text.Length - start)), style);
            yield return Segment.LineBreak;
        }
    }
}
