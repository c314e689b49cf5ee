namespace UsocHil.Registration;

/// <summary>A name is missing from a registry, or registered twice.</summary>
public sealed class RegistrationException(string kind, string name, string message) : Exception(message)
{
    /// <summary>The extension point ("link kind", "emulator").</summary>
    public string Kind { get; } = kind;

    public string Name { get; } = name;
}
