using System.Buffers.Binary;
using UsocHil.Gpio.Drivers.Pigpio;

namespace UsocHil.FirmwareSim.Pigpiod;

/// <summary>
/// pigpio's GPIO commands on an <see cref="EmulatedPinBank"/>, with pigpio's own checks in pigpio's order and its error
/// codes: levels and modes (MODES, MODEG, PUD, READ, WRITE, bank reads and writes), software PWM (PWM, PRS, PFS, GDC,
/// PRG, PFG, PRRG), servo pulses (SERVO, GPW), hardware PWM (HP) and alert filters (FG, FN). A line the rig declares
/// as an input is refused anything that would drive it (PI_NOT_PERMITTED, PI_SOME_PERMITTED for bank writes).
/// </summary>
internal static class PigpiodGpioCommands
{
    private const uint MaxUserGpio = 31;
    private const uint MaxGlitchSteady = 300_000;
    private const uint MaxNoiseActive = 1_000_000;

    /// <summary>Executes a GPIO command; false when <paramref name="command"/> is not one (the caller serves it or refuses it).</summary>
    public static bool TryExecute(EmulatedPinBank pins, PigpioCommand command, uint p1, uint p2, ReadOnlySpan<byte> extension, out int result)
    {
        uint p3 = extension.Length >= 4 ? BinaryPrimitives.ReadUInt32LittleEndian(extension) : 0;
        int? outcome = command switch
        {
            PigpioCommand.Modes => Gpio(p1) ?? (p2 > 7 ? PigpioError.BadMode : pins.Apply((int)p1, p => SetMode(p, p2))),
            PigpioCommand.Modeg => Gpio(p1) ?? (int)pins.Inspect((int)p1, p => p.Mode),
            PigpioCommand.Pud => Gpio(p1) ?? (p2 > 2 ? PigpioError.BadPud : pins.Apply((int)p1, p => Done(p.Pull = p2))),
            PigpioCommand.Read => Gpio(p1) ?? (pins.GetLevel((int)p1) ? 1 : 0),
            PigpioCommand.Write => Gpio(p1) ?? (p2 > 1 ? PigpioError.BadLevel : pins.Apply((int)p1, p => Write(p, p2 == 1))),
            PigpioCommand.Br1 => unchecked((int)(uint)pins.ReadAll()),
            PigpioCommand.Br2 => (int)(pins.ReadAll() >> 32),
            PigpioCommand.Bs1 or PigpioCommand.Bc1 => WriteBank(pins, 0, p1, command == PigpioCommand.Bs1),
            PigpioCommand.Bs2 or PigpioCommand.Bc2 => WriteBank(pins, 32, p1, command == PigpioCommand.Bs2),
            PigpioCommand.Pwm => UserGpio(p1) ?? pins.Apply((int)p1, p => Pwm(p, p2)),
            PigpioCommand.Prs => UserGpio(p1) ?? (p2 is < PwmTiming.MinRange or > PwmTiming.MaxRange ? PigpioError.BadDutyrange : pins.Apply((int)p1, p => SetRange(p, p2))),
            PigpioCommand.Pfs => UserGpio(p1) ?? pins.Apply((int)p1, p => (int)(p.Frequency = PwmTiming.Closest(p2))),
            PigpioCommand.Gdc => UserGpio(p1) ?? pins.Inspect((int)p1, Dutycycle),
            PigpioCommand.Prg => UserGpio(p1) ?? pins.Inspect((int)p1, p => (int)(p.Function == PinFunction.HardwarePwm ? PwmTiming.HardwareRange : p.Range)),
            PigpioCommand.Pfg => UserGpio(p1) ?? pins.Inspect((int)p1, p => (int)(p.Function == PinFunction.HardwarePwm ? p.HardwareFrequency : p.Frequency)),
            PigpioCommand.Prrg => UserGpio(p1) ?? pins.Inspect((int)p1, RealRange),
            PigpioCommand.Servo => UserGpio(p1) ?? pins.Apply((int)p1, p => Servo(p, p2)),
            PigpioCommand.Gpw => UserGpio(p1) ?? pins.Inspect((int)p1, p => p.Function == PinFunction.Servo ? (int)p.Pulsewidth : PigpioError.NotServoGpio),
            PigpioCommand.Hp => Gpio(p1) ?? HardwarePwm(pins, p1, p2, p3),
            PigpioCommand.Fg => UserGpio(p1) ?? (p2 > MaxGlitchSteady ? PigpioError.BadFilter : pins.Apply((int)p1, p => Done(p.GlitchSteady = p2))),
            PigpioCommand.Fn => UserGpio(p1) ?? (p2 > MaxGlitchSteady || p3 > MaxNoiseActive ? PigpioError.BadFilter : pins.Apply((int)p1, p => SetNoise(p, p2, p3))),
            _ => null,
        };
        result = outcome ?? 0;
        return outcome.HasValue;
    }

    private static int? Gpio(uint gpio) => gpio < EmulatedPinBank.PinCount ? null : PigpioError.BadGpio;

    private static int? UserGpio(uint gpio) => gpio <= MaxUserGpio ? null : PigpioError.BadUserGpio;

    private static int Done(uint _) => 0;

    private static int SetMode(EmulatedPin pin, uint mode)
    {
        if (pin.PayloadDriven && mode != EmulatedPin.Input)
        {
            return PigpioError.NotPermitted;
        }

        if (mode != pin.Mode)
        {
            pin.StopFunction();
            pin.Mode = mode;
        }

        return 0;
    }

    /// <summary>gpioWrite: stops PWM or servo pulses, makes the pin an output, sets the latch.</summary>
    private static int Write(EmulatedPin pin, bool high)
    {
        if (pin.PayloadDriven)
        {
            return PigpioError.NotPermitted;
        }

        pin.StopFunction();
        pin.Mode = EmulatedPin.Output;
        pin.Latch = high;
        return 0;
    }

    private static int WriteBank(EmulatedPinBank pins, int firstPin, uint bits, bool high)
    {
        bool refused = false;
        for (int i = 0; i < 32 && firstPin + i < EmulatedPinBank.PinCount; i++)
        {
            if ((bits & (1u << i)) != 0 && !pins.Apply(firstPin + i, p => SetLatch(p, high)))
            {
                refused = true;
            }
        }

        return refused ? PigpioError.SomePermitted : 0;
    }

    /// <summary>BS/BC change output latches only; false for a line the payload drives.</summary>
    private static bool SetLatch(EmulatedPin pin, bool high)
    {
        if (pin.PayloadDriven)
        {
            return false;
        }

        pin.Latch = high;
        return true;
    }

    /// <summary>gpioPWM: starts software PWM at the pin's frequency and range; the duty cycle must be within the range.</summary>
    private static int Pwm(EmulatedPin pin, uint dutycycle)
    {
        if (dutycycle > pin.Range)
        {
            return PigpioError.BadDutycycle;
        }

        if (pin.PayloadDriven)
        {
            return PigpioError.NotPermitted;
        }

        if (pin.Function != PinFunction.Pwm)
        {
            pin.StopFunction();
            pin.Function = PinFunction.Pwm;
        }

        pin.Mode = EmulatedPin.Output;
        pin.Dutycycle = dutycycle;
        return 0;
    }

    /// <summary>gpioSetPWMrange: the duty cycle keeps its value in the new range; answers the real range at the pin's frequency.</summary>
    private static int SetRange(EmulatedPin pin, uint range)
    {
        pin.Range = range;
        return (int)PwmTiming.RealRange(pin.Frequency);
    }

    private static int Dutycycle(EmulatedPin pin) => pin.Function switch
    {
        PinFunction.Pwm => (int)pin.Dutycycle,
        PinFunction.HardwarePwm => (int)pin.HardwareDutycycle,
        _ => PigpioError.NotPwmGpio,
    };

    private static int RealRange(EmulatedPin pin) =>
        (int)(pin.Function == PinFunction.HardwarePwm ? PwmTiming.HardwareRealRange(pin.HardwareFrequency) : PwmTiming.RealRange(pin.Frequency));

    /// <summary>gpioServo: 0 stops the pulses, otherwise 500-2500 µs.</summary>
    private static int Servo(EmulatedPin pin, uint pulsewidth)
    {
        if (pulsewidth != 0 && pulsewidth is < 500 or > 2500)
        {
            return PigpioError.BadPulsewidth;
        }

        if (pin.PayloadDriven)
        {
            return PigpioError.NotPermitted;
        }

        if (pin.Function != PinFunction.Servo)
        {
            pin.StopFunction();
            pin.Function = PinFunction.Servo;
        }

        pin.Mode = EmulatedPin.Output;
        pin.Pulsewidth = pulsewidth;
        return 0;
    }

    /// <summary>gpioHardwarePWM: only on pins with a PWM channel; frequency 0 stops it; duty cycle out of 1 000 000.</summary>
    private static int HardwarePwm(EmulatedPinBank pins, uint gpio, uint frequency, uint dutycycle)
    {
        if (PwmTiming.HardwarePwmMode(gpio) is not uint mode)
        {
            return PigpioError.NotHpwmGpio;
        }

        if (frequency > PwmTiming.HardwareMaxFrequency)
        {
            return PigpioError.BadHpwmFreq;
        }

        if (dutycycle > PwmTiming.HardwareRange)
        {
            return PigpioError.BadHpwmDuty;
        }

        return pins.Apply((int)gpio, p =>
        {
            if (p.PayloadDriven)
            {
                return PigpioError.NotPermitted;
            }

            p.StopFunction();
            if (frequency > 0)
            {
                p.Function = PinFunction.HardwarePwm;
                p.Mode = mode;
                p.HardwareFrequency = frequency;
                p.HardwareDutycycle = dutycycle;
            }

            return 0;
        });
    }

    private static int SetNoise(EmulatedPin pin, uint steady, uint active)
    {
        pin.NoiseSteady = steady;
        pin.NoiseActive = active;
        return 0;
    }
}
