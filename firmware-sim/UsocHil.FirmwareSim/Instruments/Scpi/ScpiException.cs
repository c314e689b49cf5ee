namespace UsocHil.FirmwareSim.Instruments.Scpi;

/// <summary>A command error that goes to the instrument's error queue with its SCPI code (SCPI-99 §21.8).</summary>
public sealed class ScpiException(int code, string message) : Exception(message)
{
    public int Code { get; } = code;

    public static ScpiException UndefinedHeader() => new(-113, "Undefined header");

    public static ScpiException DataOutOfRange() => new(-222, "Data out of range");

    public static ScpiException MissingParameter() => new(-109, "Missing parameter");

    public static ScpiException DataTypeError() => new(-104, "Data type error");

    public static ScpiException IllegalParameterValue() => new(-224, "Illegal parameter value");
}
