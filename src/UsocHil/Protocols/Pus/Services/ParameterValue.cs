namespace UsocHil.Protocols.Pus.Services;

/// <summary>One ST[20] parameter: its ID and its raw value (encoded on the wire by the parameter's dictionary type).</summary>
public readonly record struct ParameterValue(ushort Id, double Value);
