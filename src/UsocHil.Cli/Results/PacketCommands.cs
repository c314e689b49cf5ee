using System.CommandLine;
using System.Globalization;
using UsocHil.Cli.Dictionaries;
using UsocHil.Description;
using UsocHil.Results;
using UsocHil.Rigs;

namespace UsocHil.Cli.Results;

/// <summary>
/// <c>results packets</c> (a run's raw packets as concatenated space packets, as a ground station dumps them) and
/// <c>results redecode</c> (its telemetry decoded again with a rig's dictionary as it is today, as CSV). Both only read
/// the archive: the sealed record, and so <c>results verify</c>, are untouched.
/// </summary>
internal static class PacketCommands
{
    public static Command Packets()
    {
        var run = new Argument<long>("run") { Description = "The run number" };
        var direction = new Option<string?>("--direction") { Description = "in (telemetry received) or out (telecommands sent); both when absent" };
        direction.AcceptOnlyFromAmong("in", "out");
        var output = new Option<FileInfo>("--out") { Description = "The file to write the packets to, concatenated", Required = true };
        var results = GlobalOptions.Results();
        var command = new Command("packets", "Write a run's raw space packets, concatenated, to a file") { run, direction, output, results };
        command.SetHandler((p, ct) => ArchiveCommand.RunAsync("results packets", p, results, async archive =>
        {
            RunRecord record = await archive.ReadRunAsync(p.GetValue(run), ct);
            PacketDirection? only = p.GetValue(direction) is { } d ? PacketRow.ParseDirection(d) : null;
            FileInfo file = p.GetValue(output)!;
            long packets = 0, octets = 0;
            await using (FileStream f = File.Create(file.FullName))
            {
                foreach (PacketRow packet in record.Packets.Where(k => only is null || k.Direction == only))
                {
                    await f.WriteAsync(packet.Octets, ct);
                    packets++;
                    octets += packet.Octets.Length;
                }
            }

            Console.WriteLine($"{packets} packet(s), {octets} octets of run {record.Id} written to {file.FullName}");
            return ExitCodes.Passed;
        }, ct));
        return command;
    }

    public static Command Redecode()
    {
        var run = new Argument<long>("run") { Description = "The run number" };
        var rig = new Option<string?>("--rig") { Description = "The rig whose dictionary decodes (default: the run's rig, as the station has it now)" };
        var output = new Option<FileInfo?>("--out") { Description = "Write the values as CSV here (default: standard output)" };
        var results = GlobalOptions.Results();
        var command = new Command("redecode", "Decode a past run's archived packets again with today's dictionary (the sealed record is not touched)") { run, rig, output, results };
        command.SetHandler((p, ct) => ArchiveCommand.RunAsync("results redecode", p, results, async archive =>
        {
            RunRecord record = await archive.ReadRunAsync(p.GetValue(run), ct);
            RigDefinition definition = RigByName.Load(p, p.GetValue(rig) ?? record.Summary.Header.Rig);
            if (record.Packets.Count == 0)
            {
                Console.Error.WriteLine($"usoc-hil results redecode: run {record.Id} has no archived packets (recorded before the raw packet archive, or over a link without one)");
                return ExitCodes.UsageOrConfiguration;
            }

            RedecodedRun decoded = PacketRedecode.Decode(record, definition);
            FileInfo? file = p.GetValue(output);
            if (file is null)
            {
                await WriteCsvAsync(Console.Out, decoded);
            }
            else
            {
                await using var w = new StreamWriter(file.FullName);
                await WriteCsvAsync(w, decoded);
            }

            Console.Error.WriteLine($"run {record.Id} decoded with {definition.Name}'s dictionary of today: {decoded.Packets} telemetry packet(s), {decoded.Decoded} decoded, " +
                $"{decoded.Undecoded} not decodable, {decoded.BadErrorControl} with bad error control; {decoded.Values.Count} value(s)");
            return ExitCodes.Passed;
        }, ct));
        return command;
    }

    private static async Task WriteCsvAsync(TextWriter w, RedecodedRun decoded)
    {
        await w.WriteLineAsync("time,parameter,value");
        foreach (TelemetryRow t in decoded.Values)
        {
            await w.WriteLineAsync($"{t.Time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture)},{t.Parameter},{t.Value.ToString("R", CultureInfo.InvariantCulture)}");
        }

        await w.FlushAsync();
    }
}
