namespace UsocHil.FirmwareSim.Pigpiod;

/// <summary>A pin's level on the wire changed; <see cref="High"/> is electrical, not logical.</summary>
public sealed class EmulatedPinChangedEventArgs(int pin, bool high) : EventArgs
{
    public int Pin { get; } = pin;

    public bool High { get; } = high;
}
