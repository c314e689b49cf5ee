using System.CommandLine;
using System.Text.Json;
using UsocHil.Cli.Packets;
using UsocHil.Protocols.Pus.Json;
using UsocHil.Protocols.Pus;
using UsocHil.Framing.Ccsds;

namespace UsocHil.Cli.Commands;

/// <summary>
/// <c>packet decode</c> and <c>packet encode</c>: the wire format by hand. A packet that does not decode gets one line
/// naming the field and byte offset, and exit code 2.
/// </summary>
public static class PacketCommand
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static Command Create()
    {
        var command = new Command("packet", "The wire format by hand: decode and encode CCSDS/PUS-C packets as JSON");
        command.Subcommands.Add(CreateDecode());
        command.Subcommands.Add(CreateEncode());
        command.Subcommands.Add(Dictionaries.PacketStreamCommand.Create());
        return command;
    }

    private static Command CreateDecode()
    {
        var hex = new Argument<string>("hex") { Description = "The packet's octets in hexadecimal (spaces allowed)" };
        var (rig, profile) = ProfileOptions();
        var decode = new Command("decode", "Decode a packet to JSON (default profile unless --rig or --profile names another)") { hex, rig, profile };
        decode.SetHandler((parseResult, _) =>
        {
            PacketProfile packetProfile = PacketProfileOptions.Resolve(parseResult, rig, profile);
            byte[] bytes = Read(() => PacketJsonReader.Hex(parseResult.GetValue(hex)!, "hex"));
            try
            {
                Console.WriteLine(PacketJsonWriter.Write(packetProfile, bytes).ToJsonString(Indented));
                return Task.FromResult(ExitCodes.Passed);
            }
            catch (PacketDecodeException e)
            {
                throw new UsageException($"packet decode: {e.Message}");
            }
        });
        return decode;
    }

    private static Command CreateEncode()
    {
        var file = new Option<FileInfo?>("--file", "-f") { Description = "The packet JSON (as packet decode prints it); standard input when absent" };
        var (rig, profile) = ProfileOptions();
        var encode = new Command("encode", "Encode a packet from JSON (standard input or --file) and print its octets in hexadecimal") { file, rig, profile };
        encode.SetHandler(async (parseResult, cancellationToken) =>
        {
            PacketProfile packetProfile = PacketProfileOptions.Resolve(parseResult, rig, profile);
            FileInfo? source = parseResult.GetValue(file);
            if (source is { Exists: false })
            {
                throw new UsageException($"packet file {source.FullName} does not exist");
            }

            string json = source is null
                ? await Console.In.ReadToEndAsync(cancellationToken)
                : await File.ReadAllTextAsync(source.FullName, cancellationToken);
            PusPacket packet = Read(() => PacketJsonReader.Read(json));
            try
            {
                Console.WriteLine(Convert.ToHexString(packetProfile.Codec.Encode(packet)));
            }
            catch (Exception e) when (e is ArgumentException or InvalidOperationException)
            {
                throw new UsageException($"packet encode: {e.Message.ReplaceLineEndings(" ")}");
            }

            return ExitCodes.Passed;
        });
        return encode;
    }

    /// <summary>Bad packet JSON or hexadecimal is the user's input: a usage error naming the field.</summary>
    private static T Read<T>(Func<T> read)
    {
        try
        {
            return read();
        }
        catch (PacketJsonException e)
        {
            throw new UsageException(e.Message);
        }
    }

    private static (Option<string?> Rig, Option<FileInfo?> Profile) ProfileOptions() =>
    (
        new Option<string?>("--rig") { Description = "Decode with this rig's profile and dictionary (names and engineering values)" },
        new Option<FileInfo?>("--profile") { Description = "A mission profile JSON file (or a rig.json, whose profile is used)" }
    );
}
