using System.Text.RegularExpressions;
using UsocHil.Configuration;
using UsocHil.MissionDatabase;
using UsocHil.MissionDatabase.Mib;
using UsocHil.MissionDatabase.Xtce;

namespace UsocHil.Tests.MissionDatabase;

/// <summary>
/// Mutated real databases (junk attribute values, cut, repeated and renamed elements, broken rows): every one either
/// imports or is refused with a <see cref="MissionDatabaseException"/>; nothing else escapes. The smoke form's count.
/// </summary>
public sealed partial class ImportFuzzTests
{
    private static readonly string[] Junk = ["", "abc", "-1", "0", "99999999999999999999", "1e400", "NaN", "65", "true", "/", "&amp;", "-2147483649"];

    private string _folder = "";

    [SetUp]
    public void CreateFolder()
    {
        _folder = Path.Combine(Path.GetTempPath(), "usochil-fuzz-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_folder);
    }

    [TearDown]
    public void DeleteFolder() => Directory.Delete(_folder, recursive: true);

    [TestCase("jpss1/jpss1_geolocation_xtce_v1.xml", 600)]
    [TestCase("jpss1/contrived_inheritance_structure.xml", 400)]
    [TestCase("lasp/udp_packet.xml", 400)]
    [TestCase("bogussat/BogusSAT-1.xml", 150)]
    public void Xtce_MutatedDatabases_ImportOrAreRefused(string database, int count)
    {
        string text = File.ReadAllText(Path.Combine(RepositoryPaths.TestData, "mdb", "xtce", database));
        var random = new Random(database.Length);
        string file = Path.Combine(_folder, "db.xml");
        var refusals = 0;
        for (int i = 0; i < count; i++)
        {
            File.WriteAllText(file, Mutate(text, random));
            try
            {
                DatabaseImport imported = XtceImporter.Import([file], "fuzz");
                if (i % 10 == 0)
                {
                    Loads(imported, i);
                }
            }
            catch (MissionDatabaseException)
            {
                refusals++;
            }
            catch (Exception e)
            {
                Assert.Fail($"mutation {i} of {database}: {e.GetType().Name}: {e.Message}\n{e.StackTrace}");
            }
        }

        Assert.That(refusals, Is.LessThan(count), "some mutations must still import");
    }

    [Test]
    public void Mib_MutatedTables_ImportOrAreRefused()
    {
        string source = Path.Combine(RepositoryPaths.TestData, "mdb", "mib", "spacepy-testenv", "ASCII");
        string[] tables = [.. Directory.GetFiles(source, "*.dat").Select(Path.GetFileName).OfType<string>()];
        var random = new Random(17);
        for (int i = 0; i < 400; i++)
        {
            foreach (string table in tables)
            {
                File.Copy(Path.Combine(source, table), Path.Combine(_folder, table), overwrite: true);
            }

            string victim = Path.Combine(_folder, tables[random.Next(tables.Length)]);
            string[] lines = File.ReadAllLines(victim);
            int row = random.Next(lines.Length);
            string[] columns = lines[row].Split('\t');
            columns[random.Next(columns.Length)] = Junk[random.Next(Junk.Length)];
            lines[row] = random.Next(4) == 0 ? string.Join('\t', columns.Take(random.Next(columns.Length))) : string.Join('\t', columns);
            File.WriteAllLines(victim, lines);
            try
            {
                DatabaseImport imported = MibImporter.Import(_folder, "fuzz");
                if (i % 10 == 0)
                {
                    Loads(imported, i);
                }
            }
            catch (MissionDatabaseException)
            {
            }
            catch (Exception e)
            {
                Assert.Fail($"mutation {i} of {Path.GetFileName(victim)} row {row + 1}: {e.GetType().Name}: {e.Message}\n{e.StackTrace}");
            }
        }
    }

    /// <summary>What an import keeps is a rig usoc-hil loads: the schema and the checks agree with the importer.</summary>
    private void Loads(DatabaseImport imported, int mutation)
    {
        string rigFile = Path.Combine(_folder, "rig.json");
        File.WriteAllText(rigFile, RigJson.Write(imported.Rig));
        Assert.That(() => RigLoader.Load(rigFile), Throws.Nothing, $"mutation {mutation}");
    }

    private static string Mutate(string text, Random random)
    {
        switch (random.Next(4))
        {
            case 0:
                MatchCollection values = AttributeValue().Matches(text);
                Match value = values[random.Next(values.Count)];
                return text[..(value.Index + 2)] + Junk[random.Next(Junk.Length)] + text[(value.Index + value.Length - 1)..];
            case 1:
                int start = random.Next(text.Length);
                return text[..start] + text[Math.Min(text.Length, start + random.Next(1, 400))..];
            case 2:
                MatchCollection elements = Element().Matches(text);
                Match element = elements[random.Next(elements.Count)];
                return text.Insert(element.Index, element.Value);
            default:
                MatchCollection names = Element().Matches(text);
                Match renamed = names[random.Next(names.Count)];
                string other = names[random.Next(names.Count)].Groups["name"].Value;
                return text[..renamed.Groups["name"].Index] + other + text[(renamed.Groups["name"].Index + renamed.Groups["name"].Length)..];
        }
    }

    [GeneratedRegex("=\"[^\"]*\"")]
    private static partial Regex AttributeValue();

    [GeneratedRegex(@"<(?<name>[\w:]+)[^<>]*/>")]
    private static partial Regex Element();
}
