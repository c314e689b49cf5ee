using System.Text;

namespace UsocHil.Links.Tracing;

/// <summary>Formats bytes as offset / hex / ASCII lines, as an operator reads them in a trace.</summary>
internal static class HexDump
{
    private const int BytesPerLine = 16;

    /// <summary>Longer traces are cut here: a 64 KiB burst is not worth a megabyte of log.</summary>
    public const int MaxBytes = 512;

    public static string Format(ReadOnlySpan<byte> data)
    {
        int shown = Math.Min(data.Length, MaxBytes);
        var text = new StringBuilder(((shown / BytesPerLine) + 1) * 78);
        for (int offset = 0; offset < shown; offset += BytesPerLine)
        {
            ReadOnlySpan<byte> line = data.Slice(offset, Math.Min(BytesPerLine, shown - offset));
            if (offset > 0)
            {
                text.Append('\n');
            }

            text.Append(offset.ToString("x4")).Append("  ");
            for (int i = 0; i < BytesPerLine; i++)
            {
                text.Append(i < line.Length ? line[i].ToString("x2") + " " : "   ");
            }

            text.Append(' ');
            foreach (byte b in line)
            {
                text.Append(b is >= 0x20 and < 0x7f ? (char)b : '.');
            }
        }

        if (shown < data.Length)
        {
            text.Append("\n… ").Append(data.Length - shown).Append(" more bytes");
        }

        return text.ToString();
    }
}
