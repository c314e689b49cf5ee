using System.Xml.Linq;
using UsocHil.MissionDatabase;
using UsocHil.MissionDatabase.Xml;

namespace UsocHil.Tests.MissionDatabase;

/// <summary>A hostile or broken database file is refused in one line naming file:line; XInclude stays in its folder.</summary>
public sealed class SafeXmlReaderTests
{
    private string _folder = "";

    [SetUp]
    public void CreateFolder()
    {
        _folder = Path.Combine(Path.GetTempPath(), "usochil-xml-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.Combine(_folder, "db"));
    }

    [TearDown]
    public void DeleteFolder() => Directory.Delete(_folder, recursive: true);

    private string Write(string name, string text)
    {
        string path = Path.Combine(_folder, name);
        File.WriteAllText(path, text);
        return path;
    }

    [Test]
    public void Load_ExternalEntity_IsRefusedInOneLineWithoutReadingTheTarget()
    {
        string secret = Write("secret.txt", "TOP-SECRET");
        string file = Write("db/xxe.xml", $"""
            <?xml version="1.0"?>
            <!DOCTYPE SpaceSystem [ <!ENTITY xxe SYSTEM "file://{secret}"> ]>
            <SpaceSystem name="&xxe;"/>
            """);

        var error = Assert.Throws<MissionDatabaseException>(() => SafeXmlReader.Load(file))!;

        Assert.That(error.Message, Does.StartWith($"{file}:2: a DTD is refused"));
        Assert.That(error.Message, Does.Not.Contain("TOP-SECRET"));
        Assert.That(error.Message.Split('\n'), Has.Length.EqualTo(1));
    }

    [Test]
    public void Load_EntityExpansionBomb_IsRefused()
    {
        string file = Write("db/laughs.xml", """
            <?xml version="1.0"?>
            <!DOCTYPE lolz [ <!ENTITY lol "lol"> <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;"> ]>
            <lolz>&lol2;</lolz>
            """);

        Assert.That(() => SafeXmlReader.Load(file), Throws.TypeOf<MissionDatabaseException>().With.Message.Contains("a DTD is refused"));
    }

    [Test]
    public void Load_TooDeep_NamesTheLineWhereTheLimitIsPassed()
    {
        string file = Write("db/deep.xml", "<a>\n" + string.Concat(Enumerable.Repeat("<a>\n", 10)) + string.Concat(Enumerable.Repeat("</a>", 11)));

        var error = Assert.Throws<MissionDatabaseException>(() => SafeXmlReader.Load(file, new XmlLimits { MaxDepth = 5 }))!;

        Assert.That(error.Message, Is.EqualTo($"{file}:6: elements nest more than 5 deep"));
    }

    [Test]
    public void Load_TooManyElements_IsRefused()
    {
        string file = Write("db/wide.xml", "<a>" + string.Concat(Enumerable.Repeat("<b/>", 100)) + "</a>");

        Assert.That(() => SafeXmlReader.Load(file, new XmlLimits { MaxElements = 50 }), Throws.TypeOf<MissionDatabaseException>().With.Message.Contains("more than 50 elements"));
    }

    [Test]
    public void Load_TooBig_IsRefusedBeforeParsing()
    {
        string file = Write("db/big.xml", "<a>" + new string(' ', 2000) + "</a>");

        Assert.That(() => SafeXmlReader.Load(file, new XmlLimits { MaxFileBytes = 1000 }), Throws.TypeOf<MissionDatabaseException>().With.Message.Contains($"{file}:0: file is 2,007 bytes"));
    }

    [Test]
    public void Load_NotWellFormed_NamesFileAndLine()
    {
        string file = Write("db/broken.xml", "<a>\n<b>\n</a>");

        Assert.That(() => SafeXmlReader.Load(file), Throws.TypeOf<MissionDatabaseException>().With.Message.StartsWith($"{file}:3: not well-formed XML"));
    }

    [Test]
    public void Load_XIncludeInsideTheFolder_PutsTheFileInPlaceWithItsOwnLines()
    {
        Write("db/parameters.xml", "<ParameterSet>\n\n<Parameter name=\"TEMP\"/>\n</ParameterSet>");
        string file = Write("db/main.xml", """
            <SpaceSystem xmlns:xi="http://www.w3.org/2001/XInclude">
              <xi:include href="parameters.xml"/>
            </SpaceSystem>
            """);

        XElement root = SafeXmlReader.Load(file);

        XElement parameter = root.Descendants("Parameter").Single();
        Assert.That((string?)parameter.Attribute("name"), Is.EqualTo("TEMP"));
        Assert.That(XmlSource.Where(parameter), Is.EqualTo("parameters.xml:3"));
    }

    [TestCase("../outside.xml", "outside the database folder")]
    [TestCase("file:///etc/passwd", "never a URL or absolute path")]
    [TestCase("/etc/passwd", "never a URL or absolute path")]
    [TestCase("main.xml", "includes itself")]
    public void Load_XIncludeLeavingTheFolderOrLooping_IsRefusedAtTheInclude(string href, string why)
    {
        Write("outside.xml", "<ParameterSet/>");
        string file = Write("db/main.xml", $"""
            <SpaceSystem xmlns:xi="http://www.w3.org/2001/XInclude">

              <xi:include href="{href}"/>
            </SpaceSystem>
            """);

        var error = Assert.Throws<MissionDatabaseException>(() => SafeXmlReader.Load(file))!;

        Assert.That(error.Location, Is.EqualTo($"{file}:3").Or.EqualTo("main.xml:3"));
        Assert.That(error.Message, Does.Contain(why));
    }
}
