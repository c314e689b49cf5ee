namespace UsocHil.Gpio;

/// <summary>An input line changed: <see cref="Asserted"/> is logical, polarity already resolved.</summary>
public sealed class GpioLineChangedEventArgs(string line, bool asserted) : EventArgs
{
    public string Line { get; } = line;

    public bool Asserted { get; } = asserted;
}
