namespace UsocHil.Protocols.Pus;

/// <summary>How a parameter or argument value travels: big-endian integers or IEEE 754 floats.</summary>
public enum WireType
{
    UInt8,
    Int8,
    UInt16,
    Int16,
    UInt32,
    Int32,
    Float32,
    Float64,
}
