namespace UsocHil.Gpio.Drivers.Pigpio;

/// <summary>pigpio's negative result codes (pigpio.h) that this harness produces or expects.</summary>
internal static class PigpioError
{
    public const int BadGpio = -3;
    public const int BadMode = -4;
    public const int BadLevel = -5;
    public const int BadPud = -6;
    public const int NoHandle = -24;
    public const int BadHandle = -25;
    public const int NotPermitted = -41;
    public const int SomePermitted = -42;
    public const int BadScriptId = -48;
    public const int NoScriptRoom = -57;
    public const int UnknownCommand = -88;
    public const int NoFileMatch = -136;
    public const int NoFileAccess = -137;
    public const int BadShellStatus = -139;

    public static string Describe(int code) => code switch
    {
        BadGpio => "GPIO not 0-53",
        BadMode => "mode not 0-7",
        BadLevel => "level not 0-1",
        BadPud => "pud not 0-2",
        NoHandle => "no handle available",
        BadHandle => "unknown handle",
        NotPermitted => "no permission to update GPIO",
        SomePermitted => "no permission to update one or more GPIO",
        BadScriptId => "unknown script id",
        NoScriptRoom => "no more room for scripts",
        UnknownCommand => "unknown command",
        NoFileMatch => "no files match pattern",
        NoFileAccess => "no permission to access file",
        BadShellStatus => "bad shell return status",
        _ => "pigpio error",
    };
}
