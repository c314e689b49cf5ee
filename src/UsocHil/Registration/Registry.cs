namespace UsocHil.Registration;

/// <summary>
/// The named implementations of one extension point (payload protocols, link kinds, step kinds, ...), looked up by
/// the name a rig, sequence or station file gives. Names are case-insensitive; adding a name twice is refused so an
/// extension cannot silently replace a built-in one.
/// </summary>
/// <typeparam name="T">What is registered under each name: usually a factory.</typeparam>
public sealed class Registry<T>
    where T : class
{
    private readonly Dictionary<string, T> _entries = new(StringComparer.OrdinalIgnoreCase);

    /// <param name="kind">What one entry is, in the engineer's words ("payload protocol", "step kind").</param>
    public Registry(string kind)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(kind);
        Kind = kind;
    }

    public string Kind { get; }

    /// <summary>The registered names, sorted, for error messages and <c>--help</c>.</summary>
    public IReadOnlyList<string> Names => [.. _entries.Keys.Order(StringComparer.OrdinalIgnoreCase)];

    public Registry<T> Add(string name, T entry)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(entry);
        if (!_entries.TryAdd(name, entry))
        {
            throw new RegistrationException(Kind, name, $"a {Kind} named '{name}' is already registered");
        }

        return this;
    }

    public bool Contains(string name) => _entries.ContainsKey(name);

    public bool TryGet(string name, out T entry) => _entries.TryGetValue(name, out entry!);

    /// <exception cref="RegistrationException">Nothing is registered under <paramref name="name"/>.</exception>
    public T Get(string name) => _entries.TryGetValue(name, out T? entry)
        ? entry
        : throw new RegistrationException(Kind, name, $"no {Kind} named '{name}' (known: {Known})");

    private string Known => _entries.Count == 0 ? "none" : string.Join(", ", Names);
}
