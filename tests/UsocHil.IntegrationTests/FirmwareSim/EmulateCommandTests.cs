using System.Diagnostics;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using UsocHil.Description;

namespace UsocHil.IntegrationTests.FirmwareSim;

/// <summary><c>usoc-hil emulate furnace-em</c> as an operator starts it: a separate process printing its endpoints.</summary>
public sealed class EmulateCommandTests
{
    [Test]
    [CancelAfter(60_000)]
    public async Task Emulate_Furnace_PrintsEndpointsAndABindingThatReachesThem(CancellationToken cancellationToken)
    {
        string truth = Path.Combine(Path.GetTempPath(), $"usochil-emulate-{Guid.NewGuid():N}.jsonl");
        ProcessStartInfo start = UsocHilProcess.StartInfo(["--station", RepositoryPaths.StationFile, "emulate", "furnace-em", "--time-scale", "50", "--seed", "9", "--truth", truth, "--fault", "slow-heater=0.8"]);
        using Process process = Process.Start(start)!;
        try
        {
            var printed = new StringBuilder();
            while (await process.StandardOutput.ReadLineAsync(cancellationToken) is { } line)
            {
                printed.AppendLine(line);
                if (line == "}")
                {
                    break;
                }
            }

            string output = printed.ToString();
            Assert.That(output, Does.Contain("Emulated furnace-em, unit 9, faults: slow-heater=0.8"));
            Assert.That(output, Does.Match(@"payload \(PUS\)\s+serial /dev/pts/\d+\s+tcp 127\.0\.0\.1:\d+"));
            Assert.That(output, Does.Match(@"gpio \(pigpiod\)\s+tcp 127\.0\.0\.1:\d+\s+pins POWER_EN=17, HEATER_ARM=27, FAULT_N=22"));
            string json = output[output.IndexOf('{', StringComparison.Ordinal)..];
            var bindings = JsonSerializer.Deserialize<Dictionary<string, RigBinding>>(json, new JsonSerializerOptions(JsonSerializerDefaults.Web))!;
            RigBinding binding = bindings["furnace-em"];
            Assert.That(binding.TimeScale, Is.EqualTo(50));
            Assert.That(binding.Links["payload"].Serial!.Device, Does.StartWith("/dev/pts/"));
            Assert.That(binding.Gpio!.Binding, Is.EqualTo("pigpio"));

            NetworkBinding supply = binding.Instruments["supply"].Tcp!;
            using var client = new TcpClient();
            await client.ConnectAsync(supply.Host, supply.Port, cancellationToken);
            using var reader = new StreamReader(client.GetStream());
            await client.GetStream().WriteAsync("*IDN?\n"u8.ToArray(), cancellationToken);
            Assert.That(await reader.ReadLineAsync(cancellationToken), Is.EqualTo("USOCHIL,PSU-28V,PSU0042,1.0"));
            Assert.That(File.Exists(truth), Is.True);
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None);
            File.Delete(truth);
        }
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task Emulate_BadFaultSpec_OneLineUsageError(CancellationToken cancellationToken)
    {
        ProcessStartInfo start = UsocHilProcess.StartInfo(["--station", RepositoryPaths.StationFile, "emulate", "furnace-em", "--fault", "drop=lots"]);
        using Process process = Process.Start(start)!;
        string error = await process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);

        Assert.That(process.ExitCode, Is.EqualTo(Cli.ExitCodes.UsageOrConfiguration));
        Assert.That(error.Trim(), Is.EqualTo("usoc-hil: bad fault 'drop=lots': 'lots' is not a probability between 0 and 1"));
    }
}
