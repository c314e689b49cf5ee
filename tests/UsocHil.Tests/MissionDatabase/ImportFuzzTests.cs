using System.Text.RegularExpressions;
using UsocHil.Configuration;
using UsocHil.MissionDatabase;
using UsocHil.MissionDatabase.Mib;
using UsocHil.MissionDatabase.Xtce;

namespace UsocHil.Tests.MissionDatabase;

/// <summary>
/// Mutated real databases and the furnace's own exports (junk attribute values, cut, repeated and renamed elements,
/// broken rows, an external entity planted): every one either imports or is refused with a
/// <see cref="MissionDatabaseException"/>; nothing else escapes, the planted entity is always refused, and memory stays
/// bounded. The normal run mutates about 3,000 inputs; <c>USOCHIL_FUZZ_SCALE=50</c> is the full form (about 140,000).
/// </summary>
public sealed partial class ImportFuzzTests
{
    /// <summary>Managed memory an import run may keep after a full collection: a leak per input would pass it in the full form.</summary>
    private const long MaxRetainedBytes = 256L * 1024 * 1024;

    private static int Scale => int.TryParse(Environment.GetEnvironmentVariable("USOCHIL_FUZZ_SCALE"), out int scale) && scale > 0 ? scale : 1;

    private const string ExternalEntity = "<!DOCTYPE SpaceSystem [<!ENTITY leak SYSTEM \"file:///etc/passwd\">]>";

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
    [TestCase("../../../../rigs/furnace-em/mdb/furnace.xtce.xml", 400)]
    public void Xtce_MutatedDatabases_ImportOrAreRefused(string database, int smokeCount)
    {
        string text = File.ReadAllText(Path.GetFullPath(Path.Combine(RepositoryPaths.TestData, "mdb", "xtce", database)));
        var random = new Random(database.Length);
        string file = Path.Combine(_folder, "db.xml");
        var refusals = 0;
        int count = smokeCount * Scale;
        long before = GC.GetTotalMemory(forceFullCollection: true);
        for (int i = 0; i < count; i++)
        {
            bool planted = i % 50 == 7;
            File.WriteAllText(file, planted ? PlantEntity(text) : Mutate(text, random));
            try
            {
                DatabaseImport imported = XtceImporter.Import([file], "fuzz");
                Assert.That(planted, Is.False, $"mutation {i}: the external entity was not refused");
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
        Assert.That(GC.GetTotalMemory(forceFullCollection: true) - before, Is.LessThan(MaxRetainedBytes));
        TestContext.Out.WriteLine($"{database}: {count} mutated inputs, {refusals} refused, the rest imported, none crashed");
    }

    [TestCase("mdb/mib/spacepy-testenv/ASCII", 400)]
    [TestCase("../../rigs/furnace-em/mdb/mib", 400)]
    public void Mib_MutatedTables_ImportOrAreRefused(string folder, int smokeCount)
    {
        string source = Path.GetFullPath(Path.Combine(RepositoryPaths.TestData, folder));
        string[] tables = [.. Directory.GetFiles(source, "*.dat").Select(Path.GetFileName).OfType<string>()];
        var random = new Random(17);
        int count = smokeCount * Scale;
        long before = GC.GetTotalMemory(forceFullCollection: true);
        for (int i = 0; i < count; i++)
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

        Assert.That(GC.GetTotalMemory(forceFullCollection: true) - before, Is.LessThan(MaxRetainedBytes));
        TestContext.Out.WriteLine($"{folder}: {count} mutated table sets, none crashed");
    }

    /// <summary>An external entity declared after the XML declaration and used in the first attribute value.</summary>
    private static string PlantEntity(string text)
    {
        int declarationEnd = text.StartsWith("<?xml", StringComparison.Ordinal) ? text.IndexOf("?>", StringComparison.Ordinal) + 2 : 0;
        string withDoctype = text[..declarationEnd] + ExternalEntity + text[declarationEnd..];
        Match value = AttributeValue().Match(withDoctype, declarationEnd + ExternalEntity.Length);
        return withDoctype[..(value.Index + 2)] + "&leak;" + withDoctype[(value.Index + 2)..];
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
