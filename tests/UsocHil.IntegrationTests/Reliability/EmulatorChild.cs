using System.Text.Json;
using System.Text.Json.Nodes;

namespace UsocHil.IntegrationTests.Reliability;

/// <summary>
/// <c>usoc-hil emulate furnace-em</c> as a process of its own, as a bench runs the emulator beside the harness: the
/// station binding it prints (emulated: false, real pty, TCP and pigpiod endpoints) and its truth file. A harness
/// bound to it can die without taking the emulated payload with it.
/// </summary>
internal sealed class EmulatorChild : IAsyncDisposable
{
    private const string BindingHeading = "Station binding";
    private readonly RunningCli _cli;

    private EmulatorChild(RunningCli cli, JsonObject binding, string truthFile)
    {
        _cli = cli;
        Binding = binding;
        TruthFile = truthFile;
    }

    /// <summary>The furnace-em binding the emulator printed, for a station file's "rigs".</summary>
    public JsonObject Binding { get; }

    public string TruthFile { get; }

    /// <summary>The tty the payload link is bound to (the emulator's pty).</summary>
    public string PayloadDevice => Binding["links"]!["payload"]!["serial"]!["device"]!.GetValue<string>();

    public static async Task<EmulatorChild> StartAsync(string directory, double timeScale, string truthFile, CancellationToken cancellationToken)
    {
        RunningCli cli = UsocHilProcess.Start(directory,
            ["--station", RepositoryPaths.StationFile, "emulate", "furnace-em", "--time-scale", timeScale.ToString(System.Globalization.CultureInfo.InvariantCulture), "--seed", "7", "--truth", truthFile]);
        try
        {
            // The printed binding is indented JSON: its closing brace is the only line that is exactly "}".
            await cli.Stdout.WaitForLineAsync(line => line == "}", cancellationToken);
            string text = cli.Stdout.Text;
            string json = text[text.IndexOf('{', text.IndexOf(BindingHeading, StringComparison.Ordinal))..];
            JsonObject binding = JsonNode.Parse(json)!["furnace-em"]!.AsObject();
            return new EmulatorChild(cli, (JsonObject)binding.DeepClone(), truthFile);
        }
        catch
        {
            await cli.DisposeAsync();
            throw;
        }
    }

    /// <summary>Writes a station file binding furnace-em to this emulator, with the rigs, results and logs given.</summary>
    public void WriteStation(string stationFile, string rigsDirectory, string results, string logs)
    {
        var station = new JsonObject
        {
            ["station"] = "reliability-bench",
            ["results"] = results,
            ["rigsDirectory"] = rigsDirectory,
            ["logging"] = new JsonObject { ["level"] = "Information", ["directory"] = logs },
            ["rigs"] = new JsonObject { ["furnace-em"] = Binding.DeepClone() },
            ["register"] = InstrumentRegister.InCalibration("furnace-em", "dmm"),
        };
        File.WriteAllText(stationFile, station.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
    }

    /// <summary>Stops the emulator as an operator would (SIGINT), killing it if it does not end within 10 s.</summary>
    public async ValueTask DisposeAsync()
    {
        if (!_cli.Process.HasExited)
        {
            using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            try
            {
                await UsocHilProcess.SignalAsync(_cli.Process.Id, "INT", stop.Token);
                await _cli.Process.WaitForExitAsync(stop.Token);
            }
            catch (OperationCanceledException)
            {
                TestContext.Out.WriteLine("the emulator did not stop on SIGINT within 10 s; killed");
            }
        }

        await _cli.DisposeAsync();
    }
}
