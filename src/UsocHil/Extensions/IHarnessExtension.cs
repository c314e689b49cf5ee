namespace UsocHil.Extensions;

/// <summary>
/// What an extension assembly named in a station's <c>"extensions"</c> offers: a public class with a parameterless
/// constructor implementing this, which adds its payload protocols, emulators, step kinds, ... to the registries.
/// </summary>
public interface IHarnessExtension
{
    void Register(Registries registries);
}
