namespace UsocHil.Sequencing.Steps;

/// <summary>Named numbers a sweep or optimiser binds for its inner steps ("$setpoint"); inner scopes see outer ones.</summary>
public sealed class VariableScope
{
    private readonly VariableScope? _parent;
    private readonly Dictionary<string, double> _values = new(StringComparer.Ordinal);

    public VariableScope(VariableScope? parent = null) => _parent = parent;

    public static VariableScope Empty { get; } = new();

    public VariableScope With(string name, double value)
    {
        var scope = new VariableScope(this);
        scope._values[name] = value;
        return scope;
    }

    public VariableScope With(IEnumerable<KeyValuePair<string, double>> values)
    {
        var scope = new VariableScope(this);
        foreach (KeyValuePair<string, double> value in values)
        {
            scope._values[value.Key] = value.Value;
        }

        return scope;
    }

    public bool TryGet(string name, out double value)
    {
        for (VariableScope? scope = this; scope is not null; scope = scope._parent)
        {
            if (scope._values.TryGetValue(name, out value))
            {
                return true;
            }
        }

        value = 0;
        return false;
    }
}
