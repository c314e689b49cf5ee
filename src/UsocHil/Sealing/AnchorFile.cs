using System.Text;

namespace UsocHil.Sealing;

/// <summary>
/// The anchor: a file kept outside the archive (by default beside it, <c>results.db.anchor</c>) to which every seal
/// appends the chain head, one JSON line per seal. A copy kept elsewhere is what shows a truncated tail, an emptied
/// archive or a re-sealed run: the archive alone can be rewritten consistently, its anchor cannot be re-signed.
/// </summary>
public sealed class AnchorFile(string path)
{
    /// <summary>Longer than any line the harness writes; a longer one is damage, not a reason to run out of memory.</summary>
    private const int MaxLineBytes = 4096;

    /// <summary>About a million seals; bounds what a device or a planted file given as the anchor can make verify read.</summary>
    private const long MaxAnchorChars = 512L * 1024 * 1024;

    public string Path { get; } = path;

    /// <summary>The anchor kept beside <paramref name="archivePath"/>.</summary>
    public static AnchorFile Beside(string archivePath) => new(archivePath + ".anchor");

    public bool Exists => File.Exists(Path);

    /// <summary>
    /// Appends <paramref name="entries"/> and flushes them to the disk before returning. The caller serialises
    /// appends (the archive holds its write lock): the end of the file is found at open, not atomically at write.
    /// </summary>
    public void Append(IEnumerable<AnchorEntry> entries)
    {
        var text = new StringBuilder();
        foreach (AnchorEntry entry in entries)
        {
            text.Append(entry.ToLine()).Append('\n');
        }

        if (text.Length == 0)
        {
            return;
        }

        try
        {
            using var stream = new FileStream(Path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite);
            stream.Write(Encoding.UTF8.GetBytes(text.ToString()));
            stream.Flush(flushToDisk: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new SealingException(Path, $"cannot append the seal to the anchor: {e.Message}", e);
        }
    }

    /// <summary>Every line, in order: the entry, or null for a line that is not one (numbered from 1 by position).</summary>
    public IReadOnlyList<AnchorEntry?> Read()
    {
        var entries = new List<AnchorEntry?>();
        try
        {
            using var stream = new FileStream(Path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            using var reader = new StreamReader(stream, Encoding.UTF8);
            var line = new StringBuilder();
            int c;
            long read = 0;
            while ((c = reader.Read()) >= 0)
            {
                if (++read > MaxAnchorChars)
                {
                    throw new SealingException(Path, $"longer than {MaxAnchorChars} characters: not an anchor the harness wrote");
                }

                if (c != '\n')
                {
                    if (line.Length < MaxLineBytes)
                    {
                        line.Append((char)c);
                    }
                    else if (line.Length == MaxLineBytes)
                    {
                        line.Append('\u0000'); // marks the line as overlong: it parses as nothing
                    }

                    continue;
                }

                entries.Add(AnchorEntry.Parse(line.ToString()));
                line.Clear();
            }

            if (line.Length > 0)
            {
                entries.Add(AnchorEntry.Parse(line.ToString()));
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new SealingException(Path, $"cannot read the anchor: {e.Message}", e);
        }

        return entries;
    }

    /// <summary>The last line for <paramref name="runId"/>'s seal, or null when there is none or the anchor cannot be read.</summary>
    public AnchorEntry? Of(long runId)
    {
        try
        {
            return Exists ? Read().LastOrDefault(e => e?.RunId == runId) : null;
        }
        catch (SealingException)
        {
            return null;
        }
    }

    /// <summary>The highest seal sequence and run id the anchor records (0 when it is empty or missing).</summary>
    public (long Sequence, long RunId) Head()
    {
        if (!Exists)
        {
            return (0, 0);
        }

        IReadOnlyList<AnchorEntry?> entries = Read();
        return (entries.Max(e => e?.Sequence) ?? 0, entries.Max(e => e?.RunId) ?? 0);
    }
}
