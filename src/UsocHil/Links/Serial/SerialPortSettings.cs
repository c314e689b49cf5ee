using System.IO.Ports;

namespace UsocHil.Links.Serial;

/// <summary>rig.json's serial words as System.IO.Ports enums.</summary>
internal static class SerialPortSettings
{
    public static Parity Parity(string parity, string endpoint) => parity.ToLowerInvariant() switch
    {
        "none" => System.IO.Ports.Parity.None,
        "odd" => System.IO.Ports.Parity.Odd,
        "even" => System.IO.Ports.Parity.Even,
        "mark" => System.IO.Ports.Parity.Mark,
        "space" => System.IO.Ports.Parity.Space,
        _ => throw new LinkException(endpoint, $"unknown parity '{parity}'"),
    };

    public static StopBits StopBits(double stopBits, string endpoint) => stopBits switch
    {
        1 => System.IO.Ports.StopBits.One,
        1.5 => System.IO.Ports.StopBits.OnePointFive,
        2 => System.IO.Ports.StopBits.Two,
        _ => throw new LinkException(endpoint, $"{stopBits} stop bits are not possible"),
    };

    public static Handshake Handshake(string flowControl, string endpoint) => flowControl.ToLowerInvariant() switch
    {
        "none" => System.IO.Ports.Handshake.None,
        "rtscts" => System.IO.Ports.Handshake.RequestToSend,
        "xonxoff" => System.IO.Ports.Handshake.XOnXOff,
        _ => throw new LinkException(endpoint, $"unknown flow control '{flowControl}'"),
    };
}
