namespace UsocHil.Description;

/// <summary>Serial line settings, as a USB/RS-422 adapter is configured.</summary>
public sealed record SerialSettings
{
    public int Baud { get; init; } = 115200;
    public int DataBits { get; init; } = 8;

    /// <summary>none, odd, even, mark, space.</summary>
    public string Parity { get; init; } = "none";

    /// <summary>1, 1.5 or 2.</summary>
    public double StopBits { get; init; } = 1;

    /// <summary>none, rtscts, xonxoff.</summary>
    public string FlowControl { get; init; } = "none";

    /// <summary>Assert DTR/RTS modem lines when opening; off by default (discrete signals go over GPIO).</summary>
    public bool ModemLines { get; init; }
}
