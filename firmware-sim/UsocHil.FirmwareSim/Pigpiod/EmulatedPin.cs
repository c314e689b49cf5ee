namespace UsocHil.FirmwareSim.Pigpiod;

/// <summary>
/// One Broadcom pin of the emulated adapter as pigpio keeps it: mode, pull, output latch, what the payload drives, the
/// function pigpio runs on it (plain level, PWM, servo pulses, hardware PWM) with its settings, and its alert filters.
/// Only touched under <see cref="EmulatedPinBank"/>'s lock.
/// </summary>
internal sealed class EmulatedPin
{
    public const uint Input = 0;
    public const uint Output = 1;
    public const uint PullUp = 2;

    /// <summary>pigpio's default PWM frequency at its default 5 µs sample rate.</summary>
    public const uint DefaultFrequency = 800;

    /// <summary>pigpio's default PWM duty-cycle range.</summary>
    public const uint DefaultRange = 255;

    public uint Mode { get; set; } = Input;

    public uint Pull { get; set; }

    public bool Latch { get; set; }

    public bool? Driven { get; set; }

    /// <summary>The rig declares this line an input: the payload drives it, so the adapter refuses to drive it.</summary>
    public bool PayloadDriven { get; set; }

    public PinFunction Function { get; set; }

    public uint Frequency { get; set; } = DefaultFrequency;

    public uint Range { get; set; } = DefaultRange;

    public uint Dutycycle { get; set; }

    public uint Pulsewidth { get; set; }

    public uint HardwareFrequency { get; set; }

    public uint HardwareDutycycle { get; set; }

    public uint GlitchSteady { get; set; }

    public uint NoiseSteady { get; set; }

    public uint NoiseActive { get; set; }

    /// <summary>
    /// The level on the wire. A pin running PWM, servo pulses or hardware PWM reads high while its duty cycle (pulse
    /// width) is above zero: an emulated line has no instant within the period to sample.
    /// </summary>
    public bool Level => Function switch
    {
        PinFunction.HardwarePwm => HardwareFrequency > 0 && HardwareDutycycle > 0,
        _ when Mode != Output => Driven ?? Pull == PullUp,
        PinFunction.Pwm => Dutycycle > 0,
        PinFunction.Servo => Pulsewidth > 0,
        _ => Latch,
    };

    /// <summary>pigpio's switchFunctionOff: PWM, servo or hardware PWM stops; the pin is a plain line again.</summary>
    public void StopFunction()
    {
        Function = PinFunction.Level;
        Dutycycle = 0;
        Pulsewidth = 0;
        HardwareFrequency = 0;
        HardwareDutycycle = 0;
    }
}
