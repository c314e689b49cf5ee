
namespace UsocHil.Description;

/// <summary>What a payload ground model is, portable between stations: the contents of <c>rigs/&lt;rig&gt;/rig.json</c>.</summary>
public sealed record RigDefinition
{
    public required string Name { get; init; }
    public string? Description { get; init; }
    public string? Model { get; init; }

    /// <summary>The registered emulator that stands in for this ground model on a station that binds it as emulated.</summary>
    public string? Emulator { get; init; }

    /// <summary>This rig with another registered emulator standing in for it, when <paramref name="emulator"/> names one.</summary>
    public RigDefinition WithEmulator(string? emulator) => emulator is null ? this : this with { Emulator = emulator };

    /// <summary>The application process ID the payload's packets carry.</summary>
    public required int Apid { get; init; }

    public MissionProfile Profile { get; set; } = MissionProfile.UsocHilDefault;
    public IReadOnlyList<LinkDefinition> Links { get; set; } = [];
    public IReadOnlyList<GpioLineDefinition> Gpio { get; set; } = [];
    public IReadOnlyList<InstrumentDefinition> Instruments { get; set; } = [];
    public required RigDictionary Dictionary { get; init; }
    public IReadOnlyList<LimitDefinition> Limits { get; set; } = [];
    public ExpectationsDefinition? Expectations { get; init; }

    /// <summary>The rig's heartbeat command, boot event and silence bound, for the rig session's watchdog.</summary>
    public SessionDefinition Session { get; set; } = new();

    /// <summary>The key telemetry shown while a run lasts.</summary>
    public DisplayDefinition Display { get; set; } = new();

    /// <summary>Payload commands that make it safe, and the time safing may take (added by the sequence engine).</summary>
    public SafingDefinition Safing { get; set; } = new();
}
