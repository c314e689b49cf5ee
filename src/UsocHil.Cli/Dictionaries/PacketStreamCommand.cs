using System.CommandLine;
using System.Text.Json;
using UsocHil.Description;
using UsocHil.Dictionary;
using UsocHil.Framing.Ccsds;

namespace UsocHil.Cli.Dictionaries;

/// <summary>
/// <c>packet decode-stream --rig NAME (--file PATH | -) [--container NAME]</c>: a recording of concatenated space
/// packets, one JSON line per packet, by the rig's packet layouts. Octets after the last whole packet are one line on
/// standard error and exit code 2, after every whole packet has been written.
/// </summary>
internal static class PacketStreamCommand
{
    public static Command Create()
    {
        var rig = new Option<string>("--rig") { Description = "The rig whose packet layouts decode the stream (a name, or a rig.json path)", Required = true };
        var file = new Option<string?>("--file", "-f") { Description = "The recording; - or absent reads standard input" };
        var source = new Argument<string?>("source") { Description = "- for standard input", Arity = ArgumentArity.ZeroOrOne };
        var container = new Option<string?>("--container") { Description = "Start at this layout (default: the root of the layouts' inheritance tree)" };
        var command = new Command("decode-stream", "Decode a recording of concatenated space packets to one JSON object per line") { rig, file, source, container };
        command.SetHandler(async (parseResult, cancellationToken) =>
        {
            RigDefinition definition = RigByName.Load(parseResult, parseResult.GetValue(rig)!);
            if (definition.Dictionary.Packets.Count == 0)
            {
                throw new UsageException($"rig {definition.Name} has no packet layouts (dictionary.packets) to decode a stream with");
            }

            var layouts = new PacketLayouts(definition.Dictionary);
            string? start = parseResult.GetValue(container);
            if (start is not null && !layouts.Contains(start))
            {
                throw new UsageException($"rig {definition.Name} has no packet layout {start}");
            }

            string path = parseResult.GetValue(file) ?? parseResult.GetValue(source) ?? "-";
            if (path != "-" && !File.Exists(path))
            {
                throw new UsageException($"recording {path} does not exist");
            }

            await using Stream input = path == "-" ? Console.OpenStandardInput() : File.OpenRead(path);
            return Decode(input, Console.Out, layouts, start, path == "-" ? "standard input" : path);
        });
        return command;
    }

    private static int Decode(Stream input, TextWriter output, PacketLayouts layouts, string? start, string shown)
    {
        var line = new System.Buffers.ArrayBufferWriter<byte>(4096);
        using var json = new Utf8JsonWriter(line);
        long packets = 0;
        long undecoded = 0;
        try
        {
            foreach ((long offset, byte[] packet) in SpacePacketSplitter.Split(input))
            {
                SpacePacketHeader header = SpacePacketHeader.Read(packet);
                DecodedPacket? decoded = null;
                string? error = null;
                try
                {
                    decoded = layouts.Decode(packet, start);
                }
                catch (Exception e) when (e is PacketDecodeException or InvalidOperationException)
                {
                    error = e.Message;
                    undecoded++;
                }

                DecodedPacketJson.Write(json, header, decoded, error, offset);
                json.Flush();
                output.WriteLine(System.Text.Encoding.UTF8.GetString(line.WrittenSpan));
                line.ResetWrittenCount();
                json.Reset();
                packets++;
            }
        }
        catch (PacketDecodeException e)
        {
            output.Flush();
            Console.Error.WriteLine($"usoc-hil: {shown}: {e.Message} ({packets} whole packets written)");
            return ExitCodes.UsageOrConfiguration;
        }

        output.Flush();
        Console.Error.WriteLine($"{shown}: {packets} packets, {undecoded} not decoded");
        return ExitCodes.Passed;
    }
}
