using UsocHil.Central;
using UsocHil.Results;

namespace UsocHil.Tests.Central;

public sealed class CentralConnectionTests
{
    [TestCase("postgres://usoc@127.0.0.1:5433/centre", "postgres://usoc@127.0.0.1:5433/centre")]
    [TestCase("postgresql://usoc:secret@127.0.0.1/centre?sslmode=require", "postgres://usoc@127.0.0.1:5432/centre")]
    [TestCase("Host=127.0.0.1;Port=6000;Username=usoc;Password=secret;Database=centre", "postgres://usoc@127.0.0.1:6000/centre")]
    public void Parse_UrlOrConnectionString_DisplayedWithoutPassword(string location, string display)
    {
        CentralConnection connection = CentralConnection.Parse(location);

        Assert.That(connection.Display, Is.EqualTo(display));
        Assert.That(connection.Display, Does.Not.Contain("secret"));
    }

    [Test]
    public void Parse_SslModeFromTheUrl_Kept()
    {
        CentralConnection connection = CentralConnection.Parse("postgres://usoc@127.0.0.1/centre?sslmode=require");

        Assert.That(connection.Builder.SslMode, Is.EqualTo(Npgsql.SslMode.Require));
        Assert.That(connection.Builder.Password, Is.Null);
    }

    [Test]
    public void Parse_ConnectionFile_ReadFromTheFile()
    {
        string file = Path.Combine(TestDirectories.Create("central"), "centre.conn");
        File.WriteAllText(file, "postgres://usoc:pw@127.0.0.1:7000/centre\n");

        CentralConnection connection = CentralConnection.Parse("@" + file);

        Assert.That(connection.Display, Is.EqualTo("postgres://usoc@127.0.0.1:7000/centre"));
        Assert.That(connection.Builder.Password, Is.EqualTo("pw"));
        Directory.Delete(Path.GetDirectoryName(file)!, recursive: true);
    }

    [TestCase("Host=127.0.0.1;Password=hunter2;Bogus Key=1")]
    [TestCase("postgres://usoc:hunter2@127.0.0.1:notaport/centre")]
    public void Parse_Malformed_OneLineWithoutThePassword(string location)
    {
        var e = Assert.Throws<ResultsArchiveException>(() => CentralConnection.Parse(location));

        Assert.That(e!.Message, Does.Not.Contain("hunter2").And.Not.Contain("\n"));
    }

    [TestCase("postgres://u@h/db", true)]
    [TestCase("POSTGRESQL://u@h/db", true)]
    [TestCase("results.db", false)]
    [TestCase("archive/postgres.db", false)]
    public void Names_OnlyCentralLocations(string location, bool central) =>
        Assert.That(CentralConnection.Names(location), Is.EqualTo(central));
}
