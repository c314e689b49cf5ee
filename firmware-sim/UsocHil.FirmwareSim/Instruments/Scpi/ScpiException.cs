namespace UsocHil.FirmwareSim.Instruments.Scpi;

/// <summary>An error that goes to the instrument's error queue with its SCPI-99 code and text (SCPI-99 §21.8).</summary>
public sealed class ScpiException(int code, string message) : Exception(message)
{
    public int Code { get; } = code;

    public static ScpiException CommandError() => new(-100, "Command error");

    public static ScpiException SyntaxError() => new(-102, "Syntax error");

    public static ScpiException DataTypeError() => new(-104, "Data type error");

    public static ScpiException ParameterNotAllowed() => new(-108, "Parameter not allowed");

    public static ScpiException MissingParameter() => new(-109, "Missing parameter");

    public static ScpiException ProgramMnemonicTooLong() => new(-112, "Program mnemonic too long");

    public static ScpiException UndefinedHeader() => new(-113, "Undefined header");

    public static ScpiException HeaderSuffixOutOfRange() => new(-114, "Header suffix out of range");

    public static ScpiException InvalidSuffix() => new(-131, "Invalid suffix");

    public static ScpiException DataOutOfRange() => new(-222, "Data out of range");

    public static ScpiException TooMuchData() => new(-223, "Too much data");

    public static ScpiException IllegalParameterValue() => new(-224, "Illegal parameter value");

    public static ScpiException InputBufferOverrun() => new(-363, "Input buffer overrun");
}
