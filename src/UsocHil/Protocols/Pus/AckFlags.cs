namespace UsocHil.Protocols.Pus;

/// <summary>Which service 1 verification stages a telecommand asks for (ECSS-E-ST-70-41C §7.4.1).</summary>
[Flags]
public enum AckFlags : byte
{
    None = 0,
    Acceptance = 0b0001,
    Start = 0b0010,
    Progress = 0b0100,
    Completion = 0b1000,
    All = 0b1111,
}
