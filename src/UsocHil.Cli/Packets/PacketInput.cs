using UsocHil.Protocols.Pus.Json;

namespace UsocHil.Cli.Packets;

/// <summary>
/// Where <c>packet decode</c> takes its octets from: the hexadecimal argument, a file (--file) or standard input (-).
/// A packet may be 65,542 octets long, whose 131,084 hexadecimal digits are more than one command-line argument may hold.
/// A file or standard input holds either hexadecimal text (spaces and line breaks allowed) or the raw octets.
/// </summary>
internal static class PacketInput
{
    public static async Task<byte[]> ReadAsync(string? hex, FileInfo? file, CancellationToken cancellationToken)
    {
        if (file is not null && hex is not null)
        {
            throw new UsageException("packet decode: give the packet once: as hexadecimal, as --file PATH or as - (standard input)");
        }

        if (file is not null)
        {
            if (!file.Exists)
            {
                throw new UsageException($"packet file {file.FullName} does not exist");
            }

            return Octets(await File.ReadAllBytesAsync(file.FullName, cancellationToken), file.FullName);
        }

        if (hex == "-")
        {
            using var input = new MemoryStream();
            await Console.OpenStandardInput().CopyToAsync(input, cancellationToken);
            return Octets(input.ToArray(), "standard input");
        }

        if (hex is null)
        {
            throw new UsageException("packet decode: give the packet as hexadecimal, as --file PATH or as - (standard input)");
        }

        return PacketCommandInput(hex, "hex");
    }

    /// <summary>Hexadecimal text if every octet is a hexadecimal digit or white space, else the packet's own octets.</summary>
    private static byte[] Octets(byte[] content, string source)
    {
        if (content.Length > 0 && content.All(b => Uri.IsHexDigit((char)b) || char.IsWhiteSpace((char)b)))
        {
            return PacketCommandInput(System.Text.Encoding.ASCII.GetString(content), source);
        }

        return content;
    }

    private static byte[] PacketCommandInput(string hex, string field)
    {
        try
        {
            return PacketJsonReader.Hex(hex, field);
        }
        catch (PacketJsonException e)
        {
            throw new UsageException(e.Message);
        }
    }
}
