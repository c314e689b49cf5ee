namespace UsocHil.Gpio;

/// <summary>A GPIO line or adapter failed: carries the adapter (chip path or pigpiod address) and, where known, the line.</summary>
public class GpioException(string endpoint, string message, Exception? innerException = null)
    : Exception($"{endpoint}: {message}", innerException)
{
    public string Endpoint { get; } = endpoint;
}

/// <summary>pigpiod answered a command with one of its negative error codes.</summary>
public sealed class PigpioException(string endpoint, string command, int code, string description)
    : GpioException(endpoint, $"{command} failed with pigpio error {code} ({description})")
{
    public int Code { get; } = code;
}
