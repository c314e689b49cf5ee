using System.Device.Gpio;
using UsocHil.Description;

namespace UsocHil.Gpio;

/// <summary>
/// One named discrete line of a rig on its pin. Levels here are logical (asserted or not); active-low is resolved in
/// this class and nowhere else. Active-low inputs get the pull-up (an open-drain fault flag idles high), others the
/// pull-down, so an unconnected input reads "not asserted".
/// </summary>
public sealed class GpioLine
{
    private readonly GpioController _controller;
    private readonly string _adapter;

    internal GpioLine(GpioLineDefinition definition, int pin, GpioController controller, string adapter)
    {
        Definition = definition;
        Pin = pin;
        _controller = controller;
        _adapter = adapter;
        IsOutput = definition.Direction.ToLowerInvariant() switch
        {
            "output" => true,
            "input" => false,
            _ => throw new GpioException(adapter, $"line {definition.Name}: direction '{definition.Direction}' is neither input nor output"),
        };
    }

    public GpioLineDefinition Definition { get; }

    public string Name => Definition.Name;

    public int Pin { get; }

    public bool IsOutput { get; }

    /// <summary>Opens the pin; an output starts at its initial level, driven as it is switched to output.</summary>
    internal void Open()
    {
        Guard(() =>
        {
            if (IsOutput)
            {
                _controller.OpenPin(Pin, PinMode.Output, Physical(Definition.Initial));
            }
            else
            {
                _controller.OpenPin(Pin, Definition.ActiveLow ? PinMode.InputPullUp : PinMode.InputPullDown);
            }
        });
    }

    /// <summary>True when the line is asserted, whatever its polarity.</summary>
    public bool Read() => Guard(() => Logical(_controller.Read(Pin)));

    public void Write(bool asserted)
    {
        if (!IsOutput)
        {
            throw new GpioException(_adapter, $"line {Name} (pin {Pin}) is an input; the payload drives it");
        }

        Guard(() => _controller.Write(Pin, Physical(asserted)));
    }

    internal bool Logical(PinValue physical) => (physical == PinValue.High) != Definition.ActiveLow;

    internal PinValue Physical(bool asserted) => asserted != Definition.ActiveLow ? PinValue.High : PinValue.Low;

    private void Guard(Action action) => Guard(() =>
    {
        action();
        return true;
    });

    private T Guard<T>(Func<T> action)
    {
        try
        {
            return action();
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException or IOException or UnauthorizedAccessException)
        {
            throw new GpioException(_adapter, $"line {Name} (pin {Pin}): {e.Message}", e);
        }
    }
}
