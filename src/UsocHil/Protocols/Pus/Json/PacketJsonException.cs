namespace UsocHil.Protocols.Pus.Json;

/// <summary>Packet JSON (or hexadecimal octets) that cannot be read, with the JSON path of the field at fault.</summary>
public sealed class PacketJsonException(string message) : Exception(message);
