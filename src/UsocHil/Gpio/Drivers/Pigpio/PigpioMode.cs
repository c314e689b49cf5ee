namespace UsocHil.Gpio.Drivers.Pigpio;

/// <summary>pigpio's GPIO mode and pull codes (PI_INPUT, PI_OUTPUT, PI_ALTn; PI_PUD_*).</summary>
internal static class PigpioMode
{
    public const uint Input = 0;
    public const uint Output = 1;
    public const uint PullOff = 0;
    public const uint PullDown = 1;
    public const uint PullUp = 2;
}
