namespace UsocHil.FirmwareSim.Pigpiod;

/// <summary>
/// pigpio's software PWM timing at its default 5 µs sample rate: the 18 frequencies it can run, the real range (steps
/// per period, 200 000 / frequency) of each, and the hardware PWM limits of a BCM2837 (Pi 3).
/// </summary>
internal static class PwmTiming
{
    public const uint MinRange = 25;
    public const uint MaxRange = 40_000;
    public const uint HardwareRange = 1_000_000;
    public const uint HardwareMaxFrequency = 125_000_000;
    private const uint HardwareClock = 250_000_000;

    private static readonly uint[] Frequencies = [8000, 4000, 2000, 1600, 1000, 800, 500, 400, 320, 250, 200, 160, 100, 80, 50, 40, 20, 10];

    /// <summary>gpioSetPWMfrequency: the available frequency closest to the one asked (the higher on a tie).</summary>
    public static uint Closest(uint frequency)
    {
        uint best = Frequencies[0];
        long difference = long.MaxValue;
        foreach (uint candidate in Frequencies)
        {
            long d = Math.Abs((long)frequency - candidate);
            if (d < difference)
            {
                difference = d;
                best = candidate;
            }
        }

        return best;
    }

    public static uint RealRange(uint frequency) => 200_000 / frequency;

    public static uint HardwareRealRange(uint frequency) => HardwareClock / frequency;

    /// <summary>The ALT function that routes a hardware PWM channel to a pin, or null when the pin has none.</summary>
    public static uint? HardwarePwmMode(uint gpio) => gpio switch
    {
        12 or 13 or 40 or 41 or 45 => 4, // ALT0
        18 or 19 => 2, // ALT5
        52 or 53 => 5, // ALT1
        _ => null,
    };
}
