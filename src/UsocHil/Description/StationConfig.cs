namespace UsocHil.Description;

/// <summary>What this station has: the contents of <c>rig-config.json</c>.</summary>
public sealed record StationConfig
{
    public string Station { get; set; } = "station";

    /// <summary>The results archive, relative to the station file.</summary>
    public string Results { get; set; } = "results.db";

    /// <summary>The results store the archive is kept in: <c>sqlite</c>, or one an extension registers.</summary>
    public string ResultsStore { get; set; } = "sqlite";

    /// <summary>
    /// The central archive this station pushes every sealed run to (<c>postgres://user@host:port/database</c>, no
    /// password: that comes from PGPASSWORD or a pgpass file); null for a station on its own.
    /// </summary>
    public string? Central { get; init; }

    /// <summary>Extension assemblies to load (payload protocols, emulators, step kinds, ...), relative to the station file.</summary>
    public IReadOnlyList<string> Extensions { get; set; } = [];

    public LoggingOptions Logging { get; set; } = new();

    /// <summary>The folder that holds <c>&lt;rig&gt;/rig.json</c>, relative to the station file.</summary>
    public string RigsDirectory { get; set; } = "rigs";

    public required IReadOnlyDictionary<string, RigBinding> Rigs { get; init; }

    /// <summary>The station's reference instruments with their calibration status (the instrument register).</summary>
    public IReadOnlyList<RegisteredInstrument> Register { get; set; } = [];
}

public sealed record LoggingOptions
{
    /// <summary>Verbose, Debug, Information, Warning, Error.</summary>
    public string Level { get; set; } = "Information";

    /// <summary>Where per-run CLEF log files go, relative to the station file.</summary>
    public string Directory { get; set; } = "logs";
}

/// <summary>How one installed rig is connected here, or <see cref="Emulated"/> to bind it to its emulator.</summary>
public sealed record RigBinding
{
    public bool Emulated { get; init; }

    /// <summary>Rig time per wall-clock second (emulated rigs, or an out-of-process emulator started with the same scale).</summary>
    public double TimeScale { get; set; } = 1;

    /// <summary>
    /// The registered emulator to stand in for the rig instead of the one its rig.json names (for example <c>model</c>
    /// to run a rig with a hand-written emulator on the generic one); null keeps the rig's own.
    /// </summary>
    public string? Emulator { get; init; }

    /// <summary>Emulated unit's seed (its serial number).</summary>
    public int Seed { get; set; } = 1;

    /// <summary>Emulator faults to inject, in the <c>--fault</c> syntax.</summary>
    public IReadOnlyList<string> Faults { get; set; } = [];

    public IReadOnlyDictionary<string, EndpointBinding> Links { get; set; } = new Dictionary<string, EndpointBinding>();
    public GpioBinding? Gpio { get; init; }
    public IReadOnlyDictionary<string, EndpointBinding> Instruments { get; set; } = new Dictionary<string, EndpointBinding>();
}

/// <summary>Exactly one of serial, tcp, udp, or the kind of a link an extension registers (with its address).</summary>
public sealed record EndpointBinding
{
    public SerialBinding? Serial { get; init; }
    public NetworkBinding? Tcp { get; init; }
    public NetworkBinding? Udp { get; init; }

    /// <summary>A link kind an extension registers (not serial, tcp or udp, which have their own blocks).</summary>
    public string? Kind { get; init; }

    /// <summary>Where a <see cref="Kind"/> link goes, in that kind's own words.</summary>
    public string? Address { get; init; }
}

public sealed record SerialBinding
{
    public required string Device { get; init; }

    /// <summary>Overrides of the rig's own line settings.</summary>
    public SerialSettings? Settings { get; init; }

    /// <summary>auto, fast (Linux tty file descriptor) or portable (System.IO.Ports.SerialPort).</summary>
    public string Path { get; set; } = "auto";
}

public sealed record NetworkBinding
{
    public required string Host { get; init; }
    public required int Port { get; init; }
    public double ConnectTimeoutSeconds { get; set; } = 3;
}

public sealed record GpioBinding
{
    /// <summary>libgpiod, pigpio or sim.</summary>
    public required string Binding { get; init; }

    /// <summary>libgpiod: the chip, for example /dev/gpiochip0.</summary>
    public string? Chip { get; init; }

    /// <summary>pigpio: the pigpiod host and port.</summary>
    public string? Host { get; init; }

    public int Port { get; set; } = 8888;

    /// <summary>Line name to pin number, where this bench's wiring differs from the rig's default pins.</summary>
    public IReadOnlyDictionary<string, int> Pins { get; set; } = new Dictionary<string, int>();
}
