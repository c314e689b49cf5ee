namespace UsocHil.Protocols.Pus;

/// <summary>A telecommand that passed verification: what was sent and when each awaited report came, from sending.</summary>
public sealed record CommandVerification(Telecommand Sent, DateTimeOffset SentAt, TimeSpan? Acceptance, TimeSpan? Completion);
