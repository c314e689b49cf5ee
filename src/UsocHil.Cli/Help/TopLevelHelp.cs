namespace UsocHil.Cli.Help;

/// <summary>
/// <c>usoc-hil --help</c> answered without building the command tree: building it and laying out its help on first use
/// was two thirds of the wait (docs/PERFORMANCE.md, figure 13). The rows repeat what the commands say of themselves;
/// TopLevelHelpTests holds them to System.CommandLine's own help of the built tree, at every width it is asked for.
/// </summary>
internal static class TopLevelHelp
{
    /// <summary>Below this width (an unknown terminal reports 0) System.CommandLine lays out the help itself.</summary>
    private const int NarrowestWidth = 20;

    private static readonly (string, string)[] s_options =
    [
        ("--station <station>", "The station file: which rigs are here and how each is connected [default: rig-config.json]"),
        ("-v, --verbosity <verbosity>", "Raise the log level: -v debug, -vv verbose (byte traces)"),
        ("-?, -h, --help", "Show help and usage information"),
        ("--version", "Show version information"),
    ];

    private static readonly (string, string)[] s_commands =
    [
        ("rigs", "List the station's rigs, their bindings and whether each is reachable"),
        ("check <rig>", "Open every link of a rig, read its GPIO lines, identify its instruments (*IDN?) and ask the payload if it is alive (service 17). Powers nothing: an unpowered payload is reported as such. Exits 3 if a link or instrument fails."),
        ("run <rig> <sequence>", "Run a calibration, optimisation or certification sequence on a rig"),
        ("emulate <rig>", "Start a rig's emulator standalone, print its endpoints and a station binding, run until Ctrl-C"),
        ("results", "Read, export, verify and compare the results archive"),
        ("report <run>", "Write a self-contained HTML report of a run"),
        ("packet", "The wire format by hand: decode and encode CCSDS/PUS-C packets as JSON"),
        ("dictionary", "The payload's own mission database: import XTCE or a SCOS-2000 MIB into a rig dictionary, or export one"),
        ("timeline", "Flight timelines: telemetry and telecommand histories brought in from outside"),
        ("reproduce <rig> <timeline>", "Reproduce a flight anomaly on the ground model and judge flight against ground"),
        ("graph <rig> <sequence>", "Export a sequence's state machine as DOT or Mermaid"),
        ("monitor", "Serve the web console for the runs of a results archive (read-only)"),
        ("config", "Check the station and rig configuration"),
        ("reserve <rig>", "Book a rig at the central archive; an overlapping booking is refused (exit 2, naming who holds it)"),
        ("reservations", "The bookings at the central archive that have not ended"),
        ("release <rig>", "End your booking of a rig now (and drop your later ones)"),
    ];

    /// <summary>True when the command line asks only for the top-level help.</summary>
    public static bool IsAskedFor(string[] args) => args is ["--help" or "-h" or "-?"];

    /// <summary>What System.CommandLine's root command calls itself: the program's file name, spaces removed.</summary>
    public static string ExecutableName =>
        Path.GetFileNameWithoutExtension(Environment.GetCommandLineArgs()[0]).Replace(" ", "", StringComparison.Ordinal);

    /// <summary>The help as System.CommandLine lays it out for this width (int.MaxValue: not wrapped).</summary>
    public static string Text(int maxWidth)
    {
        var layout = new HelpLayout(maxWidth);
        layout.Heading("Description:", UsocHilCli.Description);
        layout.EndSection();
        layout.Heading("Usage:", ExecutableName + " [command] [options]");
        layout.EndSection();
        layout.Heading("Options:");
        layout.Columns(s_options);
        layout.EndSection();
        layout.Heading("Commands:");
        layout.Columns(s_commands);
        layout.EndSection();
        return layout.ToString();
    }

    /// <summary>Writes the help if that is all the command line asks for and the terminal's width is known.</summary>
    public static bool TryWrite(string[] args)
    {
        if (!IsAskedFor(args))
        {
            return false;
        }

        // System.CommandLine's choice of width: none when redirected, else the terminal's.
        int width;
        try
        {
            width = Console.IsOutputRedirected ? int.MaxValue : Console.WindowWidth;
        }
        catch (IOException)
        {
            return false;
        }

        if (width < NarrowestWidth)
        {
            return false;
        }

        Console.Out.Write(Text(width));
        return true;
    }
}
