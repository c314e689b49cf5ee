using System.Diagnostics;
using System.Text.Json.Nodes;
using UsocHil.Protocols.Pus;

namespace UsocHil.IntegrationTests.Protocols;

/// <summary>
/// <c>usoc-hil packet decode -</c> as a shell pipeline gives it a packet: on standard input, here the longest packet
/// CCSDS allows (65,542 octets), whose hexadecimal is too long for one command-line argument.
/// </summary>
public sealed class PacketDecodeInputTests
{
    [Test]
    [CancelAfter(60_000)]
    public async Task Decode_LongestPacketHexOnStandardInput_Decodes(CancellationToken cancellationToken)
    {
        var empty = new Telecommand { Apid = 0x64, Service = 20, Subtype = 1, SourceId = 7 };
        int overhead = PusCodec.UsocHilDefault.Encode(empty).Length;
        byte[] packet = PusCodec.UsocHilDefault.Encode(empty with { ApplicationData = Enumerable.Range(0, 65_542 - overhead).Select(i => (byte)i).ToArray() });
        ProcessStartInfo start = UsocHilProcess.StartInfo(["packet", "decode", "-"]);
        start.RedirectStandardInput = true;

        using Process decode = Process.Start(start)!;
        Task<string> output = decode.StandardOutput.ReadToEndAsync(cancellationToken);
        Task<string> error = decode.StandardError.ReadToEndAsync(cancellationToken);
        await decode.StandardInput.WriteLineAsync(Convert.ToHexString(packet).AsMemory(), cancellationToken);
        decode.StandardInput.Close();
        await decode.WaitForExitAsync(cancellationToken);

        Assert.That(decode.ExitCode, Is.Zero, await error);
        JsonNode json = JsonNode.Parse(await output)!;
        Assert.That(json["octets"]!.GetValue<int>(), Is.EqualTo(65_542));
        Assert.That(json["primaryHeader"]!["dataLength"]!.GetValue<int>(), Is.EqualTo(65_535));
    }
}
