namespace UsocHil.Protocols.Pus.Services;

/// <summary>ST[5] event severities; the value is the report's subtype.</summary>
public enum EventSeverity : byte
{
    Info = 1,
    Low = 2,
    Medium = 3,
    High = 4,
}
