using System.Xml;
using System.Xml.Linq;

namespace UsocHil.MissionDatabase.Xml;

/// <summary>
/// Reads a mission database's XML without trusting it: no DTD (so no external entity and no entity expansion), no
/// resolver, bounded size, depth and element count, and XInclude only of files inside the first file's folder. Each
/// refusal is one <see cref="MissionDatabaseException"/> naming <c>file:line</c>.
/// </summary>
public sealed class SafeXmlReader
{
    private static readonly XNamespace XInclude = "http://www.w3.org/2001/XInclude";

    private readonly XmlLimits _limits;
    private readonly string _folder;
    private readonly Stack<string> _including = new();
    private long _elements;

    private SafeXmlReader(string folder, XmlLimits limits)
    {
        _folder = folder;
        _limits = limits;
    }

    /// <summary>The root element of a file with its XIncludes in place; every element knows its file and line.</summary>
    public static XElement Load(string file, XmlLimits? limits = null)
    {
        string full = Path.GetFullPath(file);
        var reader = new SafeXmlReader(Path.GetDirectoryName(full)!, limits ?? XmlLimits.Default);
        return reader.LoadFile(full, file, at: null);
    }

    private XElement LoadFile(string full, string shown, string? at)
    {
        var info = new FileInfo(full);
        if (!info.Exists)
        {
            throw new MissionDatabaseException(at ?? $"{shown}:0", $"{shown}: file not found");
        }

        if (info.Length > _limits.MaxFileBytes)
        {
            throw new MissionDatabaseException($"{shown}:0", $"file is {info.Length:N0} bytes, more than the {_limits.MaxFileBytes:N0} a database file may have");
        }

        _including.Push(full);
        try
        {
            Check(full, shown);
            XElement root = Parse(full, shown);
            root.AddAnnotation(new XmlSource.FileAnnotation(shown));
            foreach (XElement include in root.DescendantsAndSelf(XInclude + "include").ToList())
            {
                include.ReplaceWith(Include(include, full));
            }

            return root;
        }
        finally
        {
            _including.Pop();
        }
    }

    private XElement Include(XElement include, string includingFile)
    {
        string at = XmlSource.Where(include);
        string href = (string?)include.Attribute("href") ?? throw new MissionDatabaseException(at, "xi:include without href");
        if (include.Attribute("xpointer") is not null || ((string?)include.Attribute("parse") ?? "xml") != "xml")
        {
            throw new MissionDatabaseException(at, $"xi:include of {href}: only whole XML files are included (no xpointer, no parse=\"text\")");
        }

        if (href.Contains(':', StringComparison.Ordinal) || Path.IsPathRooted(href))
        {
            throw new MissionDatabaseException(at, $"xi:include of {href}: only a relative path inside the database folder is included, never a URL or absolute path");
        }

        string full = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(includingFile)!, href));
        string? target = File.Exists(full) ? new FileInfo(full).ResolveLinkTarget(returnFinalTarget: true)?.FullName : null;
        if (!Inside(full) || (target is not null && !Inside(target)))
        {
            throw new MissionDatabaseException(at, $"xi:include of {href}: outside the database folder");
        }

        if (_including.Contains(full) || _including.Count >= _limits.MaxIncludeDepth)
        {
            throw new MissionDatabaseException(at, $"xi:include of {href}: includes itself or nests more than {_limits.MaxIncludeDepth} deep");
        }

        return LoadFile(full, Path.GetRelativePath(_folder, full), at);
    }

    private bool Inside(string path) => path.StartsWith(_folder + Path.DirectorySeparatorChar, StringComparison.Ordinal);

    /// <summary>A first pass that counts and measures before anything is built, so a bomb is refused at its line.</summary>
    private void Check(string full, string shown)
    {
        using XmlReader reader = XmlReader.Create(full, Settings());
        var lines = (IXmlLineInfo)reader;
        try
        {
            while (reader.Read())
            {
                if (reader.NodeType != XmlNodeType.Element)
                {
                    continue;
                }

                if (++_elements > _limits.MaxElements)
                {
                    throw new MissionDatabaseException($"{shown}:{lines.LineNumber}", $"more than {_limits.MaxElements:N0} elements");
                }

                if (reader.Depth >= _limits.MaxDepth)
                {
                    throw new MissionDatabaseException($"{shown}:{lines.LineNumber}", $"elements nest more than {_limits.MaxDepth} deep");
                }
            }
        }
        catch (XmlException e)
        {
            // A refused DTD says no line of its own: it is where the declaration is.
            int line = e.LineNumber > 0 ? e.LineNumber : lines.LineNumber > 0 ? lines.LineNumber : DoctypeLine(full);
            throw new MissionDatabaseException($"{shown}:{line}", Reason(e));
        }
    }

    private static int DoctypeLine(string full)
    {
        int line = 0;
        foreach (string text in File.ReadLines(full))
        {
            line++;
            if (text.Contains("<!DOCTYPE", StringComparison.Ordinal))
            {
                return line;
            }
        }

        return 0;
    }

    private static XElement Parse(string full, string shown)
    {
        try
        {
            using XmlReader reader = XmlReader.Create(full, Settings());
            XElement root = XDocument.Load(reader, LoadOptions.SetLineInfo).Root ?? throw new MissionDatabaseException($"{shown}:1", "no root element");

            // Detached, so that an XInclude puts this very element (its lines and file) in place rather than a copy.
            root.Remove();
            return root;
        }
        catch (XmlException e)
        {
            throw new MissionDatabaseException($"{shown}:{e.LineNumber}", Reason(e));
        }
    }

    private static string Reason(XmlException e) => e.Message.Contains("DTD", StringComparison.Ordinal)
        ? "a DTD is refused: no document type declaration is read, so no external entity or entity expansion reaches the bench"
        : "not well-formed XML: " + e.Message.Split(" Line ", 2)[0].ReplaceLineEndings(" ");

    private static XmlReaderSettings Settings() => new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        MaxCharactersFromEntities = 0,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
        CloseInput = true,
    };
}
