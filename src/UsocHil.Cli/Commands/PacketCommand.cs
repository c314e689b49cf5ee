using System.CommandLine;

namespace UsocHil.Cli.Commands;

public static class PacketCommand
{
    public static Command Create()
    {
        var command = new Command("packet", "The wire format by hand: decode and encode CCSDS/PUS-C packets as JSON");
        var hex = new Argument<string>("hex") { Description = "The packet's octets in hexadecimal" };
        var decode = new Command("decode", "Decode a packet to JSON") { hex };
        decode.SetAction(_ => NotYetAvailable.Say("packet decode", "the PUS codec"));
        var encode = new Command("encode", "Encode a packet from JSON (standard input or --file)");
        encode.SetAction(_ => NotYetAvailable.Say("packet encode", "the PUS codec"));
        command.Subcommands.Add(decode);
        command.Subcommands.Add(encode);
        return command;
    }
}
