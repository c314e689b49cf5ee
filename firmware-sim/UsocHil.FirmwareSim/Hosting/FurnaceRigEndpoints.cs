namespace UsocHil.FirmwareSim.Hosting;

/// <summary>Where each part of the emulated furnace rig can be reached.</summary>
public sealed record FurnaceRigEndpoints
{
    public required string PayloadPty { get; init; }
    public required int PayloadTcpPort { get; init; }
    public required string SupplyPty { get; init; }
    public required int SupplyTcpPort { get; init; }
    public required string MultimeterPty { get; init; }
    public required int MultimeterTcpPort { get; init; }

    /// <summary>The pigpiod-compatible GPIO server's port; null when GPIO is not served.</summary>
    public int? GpioPort { get; init; }

    /// <summary>Line name to the pin it is wired to (rig.json's default pins).</summary>
    public required IReadOnlyDictionary<string, int> Pins { get; init; }

    public const string Host = "127.0.0.1";
}
