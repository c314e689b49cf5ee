namespace UsocHil.Gpio.Drivers.Pigpio;

/// <summary>pigpio's negative result codes (pigpio.h) that this harness produces or expects.</summary>
internal static class PigpioError
{
    public const int BadUserGpio = -2;
    public const int BadGpio = -3;
    public const int BadMode = -4;
    public const int BadLevel = -5;
    public const int BadPud = -6;
    public const int BadPulsewidth = -7;
    public const int BadDutycycle = -8;
    public const int BadDutyrange = -21;
    public const int NoHandle = -24;
    public const int BadHandle = -25;
    public const int NotPermitted = -41;
    public const int SomePermitted = -42;
    public const int BadScriptId = -48;
    public const int NoScriptRoom = -57;
    public const int UnknownCommand = -88;
    public const int NotPwmGpio = -92;
    public const int NotServoGpio = -93;
    public const int NotHpwmGpio = -95;
    public const int BadHpwmFreq = -96;
    public const int BadHpwmDuty = -97;
    public const int BadFilter = -125;
    public const int NoFileMatch = -136;
    public const int NoFileAccess = -137;
    public const int BadShellStatus = -139;

    public static string Describe(int code) => code switch
    {
        BadUserGpio => "GPIO not 0-31",
        BadGpio => "GPIO not 0-53",
        BadMode => "mode not 0-7",
        BadLevel => "level not 0-1",
        BadPud => "pud not 0-2",
        BadPulsewidth => "pulsewidth not 0 or 500-2500",
        BadDutycycle => "dutycycle not 0-range (default 255)",
        BadDutyrange => "dutycycle range not 25-40000",
        NoHandle => "no handle available",
        BadHandle => "unknown handle",
        NotPermitted => "no permission to update GPIO",
        SomePermitted => "no permission to update one or more GPIO",
        BadScriptId => "unknown script id",
        NoScriptRoom => "no more room for scripts",
        UnknownCommand => "unknown command",
        NotPwmGpio => "GPIO is not in use for PWM",
        NotServoGpio => "GPIO is not in use for servo pulses",
        NotHpwmGpio => "GPIO has no hardware PWM",
        BadHpwmFreq => "invalid hardware PWM frequency",
        BadHpwmDuty => "hardware PWM dutycycle not 0-1M",
        BadFilter => "bad filter parameter",
        NoFileMatch => "no files match pattern",
        NoFileAccess => "no permission to access file",
        BadShellStatus => "bad shell return status",
        _ => "pigpio error",
    };
}
