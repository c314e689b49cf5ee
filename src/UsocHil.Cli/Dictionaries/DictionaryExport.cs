using System.CommandLine;
using UsocHil.Description;
using UsocHil.MissionDatabase;
using UsocHil.MissionDatabase.Mib;
using UsocHil.MissionDatabase.Xtce;

namespace UsocHil.Cli.Dictionaries;

/// <summary>
/// <c>dictionary export &lt;rig&gt; (--xtce FILE | --mib DIR)</c>: the rig's dictionary and limits as XTCE 1.2 or as a
/// SCOS-2000 MIB's ASCII tables, which <c>dictionary import</c> reads back to the same dictionary. What a format
/// cannot carry is refused (exit 2, naming the element), never written approximately.
/// </summary>
internal static class DictionaryExport
{
    public static Command Create()
    {
        var rig = new Argument<string>("rig") { Description = "A station rig, a folder under rigs/, or a rig.json path" };
        var xtce = new Option<FileInfo?>("--xtce") { Description = "Write XTCE 1.2 to this file" };
        var mib = new Option<DirectoryInfo?>("--mib") { Description = "Write the MIB's ASCII tables (pcf.dat, pid.dat, ccf.dat, ...) into this folder" };
        var export = new Command("export", "Write a rig's dictionary as XTCE 1.2 or SCOS-2000 MIB tables") { rig, xtce, mib };
        export.SetHandler(async (parseResult, cancellationToken) =>
        {
            FileInfo? file = parseResult.GetValue(xtce);
            DirectoryInfo? folder = parseResult.GetValue(mib);
            if ((file is null) == (folder is null))
            {
                throw new UsageException("dictionary export: give --xtce FILE or --mib DIR (one of them)");
            }

            RigDefinition definition = RigByName.Load(parseResult, parseResult.GetValue(rig)!);
            try
            {
                if (file is not null)
                {
                    await File.WriteAllTextAsync(file.FullName, XtceExporter.Write(definition), cancellationToken);
                    Console.WriteLine($"wrote {file.FullName}");
                }
                else
                {
                    IReadOnlyDictionary<string, string> tables = MibExporter.Write(definition);
                    Directory.CreateDirectory(folder!.FullName);
                    foreach ((string name, string text) in tables)
                    {
                        await File.WriteAllTextAsync(Path.Combine(folder.FullName, name), text, cancellationToken);
                    }

                    Console.WriteLine($"wrote {tables.Count} tables into {folder.FullName}");
                }
            }
            catch (MissionDatabaseException e)
            {
                throw new UsageException($"dictionary export: {e.Message}");
            }

            return ExitCodes.Passed;
        });
        return export;
    }
}
