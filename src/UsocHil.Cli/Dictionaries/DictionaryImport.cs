using System.CommandLine;
using UsocHil.Configuration;
using UsocHil.MissionDatabase;
using UsocHil.MissionDatabase.Mib;
using UsocHil.MissionDatabase.Xtce;

namespace UsocHil.Cli.Dictionaries;

/// <summary>
/// <c>dictionary import (--xtce FILE... | --mib DIR) --rig NAME [--onto BENCH_RIG]</c>: writes the rig file and prints every element imported,
/// approximated or dropped. A lost limit, command verifier or calibration refuses the import (exit 2) unless
/// <c>--accept-loss</c>; an unsafe or unreadable file is one line naming file:line (exit 2).
/// </summary>
internal static class DictionaryImport
{
    public static Command Create()
    {
        var xtce = new Option<string[]>("--xtce") { Description = "XTCE files that make one database (1.0, 1.1, 1.2; XInclude inside their folder)", AllowMultipleArgumentsPerToken = true };
        var mib = new Option<DirectoryInfo?>("--mib") { Description = "A SCOS-2000 MIB's folder of ASCII tables (pid.dat, pcf.dat, plf.dat, ccf.dat, ...)" };
        var rig = new Option<string>("--rig") { Description = "The rig's name", Required = true };
        var output = new Option<FileInfo?>("--out") { Description = "The rig file to write (default: rigs/NAME/rig.json beside the station file); never overwritten" };
        var report = new Option<FileInfo?>("--report") { Description = "Write the coverage report as JSON here too" };
        var acceptLoss = new Option<bool>("--accept-loss") { Description = "Write the rig even when a limit, command verifier or calibration is dropped" };
        var onto = new Option<FileInfo?>("--onto") { Description = "A bench rig file whose emulator, profile, links, GPIO, instruments, expectations, session, safing and thermocouple types the new rig keeps (its dictionary, APID and limits come from the database)" };
        var import = new Command("import", "Import a mission database into a rig file, reporting every element imported, approximated or dropped") { xtce, mib, rig, output, report, acceptLoss, onto };
        import.SetHandler(async (parseResult, cancellationToken) =>
        {
            string[] files = parseResult.GetValue(xtce) ?? [];
            string name = parseResult.GetValue(rig)!;
            DirectoryInfo? tables = parseResult.GetValue(mib);
            if ((files.Length == 0) == (tables is null))
            {
                throw new UsageException("dictionary import: give --xtce FILE... or --mib DIR (one of them)");
            }

            string target = parseResult.GetValue(output)?.FullName ?? Path.Combine(RigByName.RigsDirectory(parseResult), name, "rig.json");
            if (File.Exists(target))
            {
                throw new UsageException($"dictionary import: {target} exists; remove it or name another with --out");
            }

            DatabaseImport imported;
            try
            {
                imported = tables is null ? XtceImporter.Import(files, name) : MibImporter.Import(tables.FullName, name);
            }
            catch (MissionDatabaseException e)
            {
                throw new UsageException(e.Message);
            }

            foreach (ImportReportEntry entry in imported.Report.Entries)
            {
                Console.WriteLine(entry.ToString());
            }

            Console.WriteLine($"{name}: {imported.Report.Summary}");
            if (parseResult.GetValue(report) is { } reportFile)
            {
                await File.WriteAllTextAsync(reportFile.FullName, imported.Report.ToJson(), cancellationToken);
            }

            int losses = imported.Report.SafetyLosses.Count();
            if (losses > 0 && !parseResult.GetValue(acceptLoss))
            {
                throw new UsageException($"dictionary import refused: {losses} safety-relevant element(s) (limits, command verifiers, calibrations) would be lost, marked [safety] above; --accept-loss writes the rig without them");
            }

            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            string written = parseResult.GetValue(onto) is { } bench
                ? RigJson.Onto(await ReadBench(bench, cancellationToken), imported.Rig)
                : RigJson.Write(imported.Rig);
            await File.WriteAllTextAsync(target, written, cancellationToken);
            try
            {
                RigLoader.Load(target);
            }
            catch (ConfigurationException)
            {
                File.Delete(target);
                throw;
            }

            Console.WriteLine($"wrote {target}");
            return ExitCodes.Passed;
        });
        return import;
    }

    private static async Task<string> ReadBench(FileInfo bench, CancellationToken cancellationToken)
    {
        try
        {
            string text = await File.ReadAllTextAsync(bench.FullName, cancellationToken);
            _ = System.Text.Json.Nodes.JsonNode.Parse(text, documentOptions: new System.Text.Json.JsonDocumentOptions { CommentHandling = System.Text.Json.JsonCommentHandling.Skip, AllowTrailingCommas = true })!.AsObject();
            return text;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Text.Json.JsonException or InvalidOperationException or NullReferenceException)
        {
            throw new UsageException($"dictionary import: --onto {bench.FullName}: {e.Message.Split('\n')[0]}");
        }
    }
}
