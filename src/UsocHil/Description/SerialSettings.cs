namespace UsocHil.Description;

/// <summary>Serial line settings, as a USB/RS-422 adapter is configured.</summary>
public sealed record SerialSettings
{
    public int Baud { get; set; } = 115200;
    public int DataBits { get; set; } = 8;

    /// <summary>none, odd, even, mark, space.</summary>
    public string Parity { get; set; } = "none";

    /// <summary>1, 1.5 or 2.</summary>
    public double StopBits { get; set; } = 1;

    /// <summary>none, rtscts, xonxoff.</summary>
    public string FlowControl { get; set; } = "none";

    /// <summary>Assert DTR/RTS modem lines when opening; off by default (discrete signals go over GPIO).</summary>
    public bool ModemLines { get; init; }
}
