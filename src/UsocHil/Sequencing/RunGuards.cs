using UsocHil.Registration;

namespace UsocHil.Sequencing;

/// <summary>The guards every run of a station must pass, by name (none built in; a federated station adds its lease).</summary>
public sealed class RunGuards
{
    private readonly Registry<IRunGuard> _registry = new("run guard");

    public IReadOnlyList<string> Names => _registry.Names;

    public IEnumerable<IRunGuard> All => _registry.Names.Select(_registry.Get);

    public RunGuards Add(string name, IRunGuard guard)
    {
        _registry.Add(name, guard);
        return this;
    }
}
