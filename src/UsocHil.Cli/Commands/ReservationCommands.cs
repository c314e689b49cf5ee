using System.CommandLine;
using System.Globalization;
using UsocHil.Central;
using UsocHil.Cli.Results;
using UsocHil.Description;
using UsocHil.Results;

namespace UsocHil.Cli.Commands;

/// <summary>
/// <c>reserve &lt;rig&gt; --for 2h</c>, <c>reservations</c>, <c>release &lt;rig&gt;</c>: rig bookings at the central archive (the
/// station file's <c>central</c>, <c>--central URL</c> or <c>$USOC_HIL_CENTRAL</c>), by this station's operator.
/// </summary>
public static class ReservationCommands
{
    public static IEnumerable<Command> Create() => [Reserve(), List(), Release()];

    private static Command Reserve()
    {
        var rig = new Argument<string>("rig") { Description = "The rig (the engineering model) to book" };
        var length = new Option<string>("--for") { Description = "How long: 90m, 2h, 1d (from now)", Required = true };
        var note = new Option<string?>("--note") { Description = "What it is booked for" };
        var (central, @operator) = (CentralOption(), OperatorOption());
        var command = new Command("reserve", "Book a rig at the central archive; an overlapping booking is refused (exit 2, naming who holds it)") { rig, length, note, central, @operator };
        command.SetAction((p, ct) => WithCentreAsync("reserve", p, central, async (centre, station) =>
        {
            TimeSpan span = Duration(p.GetValue(length)!);
            Reservation r = await new RigReservations(centre).ReserveAsync(p.GetValue(rig)!, station, p.GetValue(@operator)!, TimeProvider.System.GetUtcNow(), span, p.GetValue(note), ct);
            Console.WriteLine($"reserved {r.Rig} for {r.Operator} (station {r.Station}) from {Time(r.From)} to {Time(r.Until)}; reservation {r.Id}");
            return ExitCodes.Passed;
        }, ct));
        return command;
    }

    private static Command List()
    {
        var central = CentralOption();
        var command = new Command("reservations", "The bookings at the central archive that have not ended") { central };
        command.SetAction((p, ct) => WithCentreAsync("reservations", p, central, async (centre, _) =>
        {
            IReadOnlyList<Reservation> list = await new RigReservations(centre).ListAsync(TimeProvider.System.GetUtcNow(), ct);
            foreach (Reservation r in list)
            {
                Console.WriteLine($"{r.Rig}\t{Time(r.From)}\t{Time(r.Until)}\t{r.Operator}\t{r.Station}\t{r.Note}");
            }

            Console.WriteLine($"{list.Count} booking(s) at {centre.Path}");
            return ExitCodes.Passed;
        }, ct));
        return command;
    }

    private static Command Release()
    {
        var rig = new Argument<string>("rig") { Description = "The rig to give back" };
        var (central, @operator) = (CentralOption(), OperatorOption());
        var command = new Command("release", "End your booking of a rig now (and drop your later ones)") { rig, central, @operator };
        command.SetAction((p, ct) => WithCentreAsync("release", p, central, async (centre, _) =>
        {
            bool released = await new RigReservations(centre).ReleaseAsync(p.GetValue(rig)!, p.GetValue(@operator)!, TimeProvider.System.GetUtcNow(), ct);
            Console.WriteLine(released ? $"released {p.GetValue(rig)}" : $"{p.GetValue(@operator)} holds no booking of {p.GetValue(rig)}");
            return released ? ExitCodes.Passed : ExitCodes.UsageOrConfiguration;
        }, ct));
        return command;
    }

    private static Option<string?> CentralOption() => new("--central") { Description = $"The central archive (default: the station file's \"central\", else ${CentralConnection.EnvironmentVariable})" };

    private static Option<string> OperatorOption() => new("--operator") { Description = "Who books (default: your login name)", DefaultValueFactory = _ => Environment.UserName };

    private static async Task<int> WithCentreAsync(string command, ParseResult p, Option<string?> central, Func<CentralArchive, string, Task<int>> action, CancellationToken ct)
    {
        try
        {
            FileInfo stationFile = p.GetValue(GlobalOptions.Station) ?? new FileInfo("rig-config.json");
            StationConfig? station = stationFile.Exists ? ConfigJson.Read<StationConfig>(stationFile.FullName) : null;
            string location = p.GetValue(central) ?? station?.Central ?? Environment.GetEnvironmentVariable(CentralConnection.EnvironmentVariable)
                ?? throw new ResultsArchiveException(stationFile.FullName, $"no central archive: give --central URL, name \"central\" in the station file or set {CentralConnection.EnvironmentVariable}");
            await using CentralArchive centre = await CentralArchive.OpenCentralAsync(CentralConnection.Parse(location), TimeProvider.System, create: true, ct);
            return await action(centre, station?.Station ?? Environment.MachineName);
        }
        catch (Exception e) when (e is ResultsArchiveException or ReservationRefusedException or FormatException)
        {
            Console.Error.WriteLine($"usoc-hil {command}: {e.Message}");
            return ExitCodes.UsageOrConfiguration;
        }
    }

    /// <exception cref="FormatException">Not a positive duration such as 90m, 2h or 1d.</exception>
    private static TimeSpan Duration(string text)
    {
        string t = text.Trim();
        double unit = t.Length == 0 ? 0 : char.ToLowerInvariant(t[^1]) switch { 's' => 1, 'm' => 60, 'h' => 3600, 'd' => 86400, _ => 0 };
        return unit > 0 && double.TryParse(t[..^1], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out double n) && n > 0 && n * unit <= 90 * 86400
            ? TimeSpan.FromSeconds(n * unit)
            : throw new FormatException($"--for '{text}' is not a duration of up to 90 days such as 90m, 2h or 1d");
    }

    private static string Time(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);
}
