namespace UsocHil.FirmwareSim.Pigpiod;

/// <summary>What pigpio runs on a pin (its gpioInfo[].is): a plain level, software PWM, servo pulses or hardware PWM.</summary>
internal enum PinFunction
{
    Level,
    Pwm,
    Servo,
    HardwarePwm,
}
