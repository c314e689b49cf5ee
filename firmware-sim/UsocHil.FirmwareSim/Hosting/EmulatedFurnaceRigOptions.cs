using UsocHil.FirmwareSim.Furnace;

namespace UsocHil.FirmwareSim.Hosting;

/// <summary>How to start the emulated furnace rig and what its station binding should point at.</summary>
public sealed record EmulatedFurnaceRigOptions
{
    public FurnaceBenchOptions Bench { get; init; } = new();

    /// <summary>Which payload endpoint the binding names: serial (the pty, default) or tcp. Both are always served.</summary>
    public string PayloadTransport { get; init; } = "serial";

    /// <summary>Which instrument endpoints the binding names: tcp (default) or serial. Both are always served.</summary>
    public string InstrumentTransport { get; init; } = "tcp";

    /// <summary>Serve the GPIO lines over the pigpiod socket interface.</summary>
    public bool Gpio { get; init; } = true;

    /// <summary>Rig time per wall-clock second, recorded in the binding so the harness agrees on rig time.</summary>
    public double TimeScale { get; init; } = 1;

    public string MultimeterSerialNumber { get; init; } = "DMM0042";

    /// <summary>Fixed ports (0: the kernel picks). Loopback only.</summary>
    public int PayloadTcpPort { get; init; }

    public int SupplyTcpPort { get; init; }

    public int MultimeterTcpPort { get; init; }

    public int GpioPort { get; init; }
}
