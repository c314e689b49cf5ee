namespace UsocHil.Protocols.Pus.Services;

/// <summary>The stages of ST[1] request verification; the value is the success subtype, failure is one more.</summary>
public enum VerificationStage : byte
{
    Acceptance = 1,
    Start = 3,
    Progress = 5,
    Completion = 7,
}
