using System.Globalization;
using Newtonsoft.Json.Linq;
using UsocHil.Configuration;
using UsocHil.Description;

namespace UsocHil.Sequencing.Steps;

/// <summary>
/// Reads one step object of a sequence file and checks it against the rig: every field it declares, every name it
/// uses. Problems are collected (file, JSON path, line), never thrown one at a time; fields nobody asked for are
/// reported as unknown when the step is finished. A reader of an object inside a step (a check, a variable, a stability
/// window) is made with <see cref="Inner"/>: such objects have no kind or label.
/// </summary>
public sealed class StepReader(JObject step, string path, SequenceBuildContext context, bool isStep = true)
{
    private readonly HashSet<string> _read = isStep ? new(StringComparer.Ordinal) { "kind", "label" } : new(StringComparer.Ordinal);

    public string Path { get; } = path;

    public SequenceBuildContext Context { get; } = context;

    public JObject Json => step;

    public bool HasProblems { get; private set; }

    public string? Label => step["label"]?.Type == JTokenType.String ? step["label"]!.Value<string>() : null;

    /// <summary>A reader for an object nested in this step, reporting under this step's path.</summary>
    public StepReader Inner(JObject obj, string relative) => new(obj, relative.StartsWith('[') ? Path + relative : $"{Path}.{relative}", Context, isStep: false);

    public void Problem(JToken? at, string relative, string message)
    {
        HasProblems = true;
        string where = relative.Length == 0 ? Path : relative.StartsWith('[') ? Path + relative : $"{Path}.{relative}";
        Context.Problems.Add(new ConfigurationProblem(Context.File, where, ConfigurationFileReader.LineOf(at ?? step), message));
    }

    public JToken? Field(string name, bool required)
    {
        _read.Add(name);
        JToken? token = step[name];
        if (token is null && required)
        {
            Problem(step, "", $"missing required field '{name}'");
        }

        return token;
    }

    public string? String(string name, bool required = true)
    {
        JToken? token = Field(name, required);
        if (token is null)
        {
            return null;
        }

        if (token.Type != JTokenType.String)
        {
            Problem(token, name, "wrong type: expected a string");
            return null;
        }

        return token.Value<string>();
    }

    public double? Number(string name, bool required = true, double? min = null, double? max = null)
    {
        JToken? token = Field(name, required);
        if (token is null)
        {
            return null;
        }

        if (token.Type is not (JTokenType.Integer or JTokenType.Float))
        {
            Problem(token, name, "wrong type: expected a number");
            return null;
        }

        double value = token.Value<double>();
        if ((min is { } lo && value < lo) || (max is { } hi && value > hi))
        {
            Problem(token, name, $"{value.ToString(CultureInfo.InvariantCulture)} is out of range [{min?.ToString(CultureInfo.InvariantCulture) ?? "-inf"}, {max?.ToString(CultureInfo.InvariantCulture) ?? "inf"}]");
            return null;
        }

        return value;
    }

    /// <summary>A whole number (a count, an order, a bit mask): 2.5 readings is a mistake, not a rounding.</summary>
    public int? Integer(string name, bool required = true, int min = int.MinValue, int max = int.MaxValue)
    {
        JToken? token = Field(name, required);
        if (token is null)
        {
            return null;
        }

        if (token.Type != JTokenType.Integer)
        {
            Problem(token, name, token.Type == JTokenType.Float ? "wrong type: expected a whole number" : "wrong type: expected a number");
            return null;
        }

        long value = token.Value<long>();
        if (value < min || value > max)
        {
            Problem(token, name, $"{value.ToString(CultureInfo.InvariantCulture)} is out of range [{min.ToString(CultureInfo.InvariantCulture)}, {max.ToString(CultureInfo.InvariantCulture)}]");
            return null;
        }

        return (int)value;
    }

    /// <summary>A variable name: letters, digits and underscores, so that "$name + 1" reads back as the name.</summary>
    public string? Identifier(string name)
    {
        string? value = String(name);
        if (value is not null && (value.Length == 0 || !value.All(c => char.IsAsciiLetterOrDigit(c) || c == '_')))
        {
            Problem(Json[name], name, $"'{value}' is not a variable name: use letters, digits and _");
            return null;
        }

        return value;
    }

    public TimeSpan? Seconds(string name, bool required = false, double min = 0) =>
        Number(name, required, min) is { } s ? TimeSpan.FromSeconds(s) : null;

    public bool? Bool(string name)
    {
        JToken? token = Field(name, false);
        if (token is null)
        {
            return null;
        }

        if (token.Type != JTokenType.Boolean)
        {
            Problem(token, name, "wrong type: expected true or false");
            return null;
        }

        return token.Value<bool>();
    }

    public JObject? Object(string name, bool required = true)
    {
        JToken? token = Field(name, required);
        if (token is null)
        {
            return null;
        }

        if (token is not JObject obj)
        {
            Problem(token, name, "wrong type: expected an object");
            return null;
        }

        return obj;
    }

    public JArray? Array(string name, bool required = true)
    {
        JToken? token = Field(name, required);
        if (token is null)
        {
            return null;
        }

        if (token is not JArray array)
        {
            Problem(token, name, "wrong type: expected an array");
            return null;
        }

        return array;
    }

    public IReadOnlyList<string>? Strings(string name, bool required = true)
    {
        JArray? array = Array(name, required);
        if (array is null)
        {
            return null;
        }

        var values = new List<string>();
        for (int i = 0; i < array.Count; i++)
        {
            if (array[i].Type != JTokenType.String)
            {
                Problem(array[i], $"{name}[{i}]", "wrong type: expected a string");
                continue;
            }

            values.Add(array[i].Value<string>()!);
        }

        return values;
    }

    /// <summary>A number, or a string holding a variable expression ("$setpoint + 10") whose variable is in scope.</summary>
    public ValueExpression? Value(JToken token, string relative, ParameterDefinition? rangeOf = null)
    {
        ValueExpression? expression = null;
        if (token.Type is JTokenType.Integer or JTokenType.Float)
        {
            expression = ValueExpression.Literal(token.Value<double>());
        }
        else if (token.Type == JTokenType.String && !ValueExpression.TryParse(token.Value<string>()!, out expression))
        {
            Problem(token, relative, $"'{token}' is neither a number nor a variable expression like \"$setpoint + 10\"");
            return null;
        }
        else if (expression is null)
        {
            Problem(token, relative, "wrong type: expected a number or a variable expression");
            return null;
        }

        if (expression.Variable is { } variable && !Context.Variables.Contains(variable))
        {
            Problem(token, relative, $"unknown variable ${variable}; in scope here: {(Context.Variables.Count == 0 ? "none" : string.Join(", ", Context.Variables.Select(v => "$" + v)))}");
            return null;
        }

        if (expression.Variable is null && rangeOf?.Range is [double low, double high] && (expression.Offset < low || expression.Offset > high))
        {
            Problem(token, relative, $"{expression.Offset.ToString(CultureInfo.InvariantCulture)} is out of {rangeOf.Name}'s range [{low.ToString(CultureInfo.InvariantCulture)}, {high.ToString(CultureInfo.InvariantCulture)}] {rangeOf.Unit}");
            return null;
        }

        return expression;
    }

    public ValueExpression? Value(string name, bool required = true, ParameterDefinition? rangeOf = null)
    {
        JToken? token = Field(name, required);
        return token is null ? null : Value(token, name, rangeOf);
    }

    /// <summary>A parameter named in the dictionary; <paramref name="settable"/> demands one service 20 may set.</summary>
    public ParameterDefinition? Parameter(JToken at, string relative, string name, bool settable = false)
    {
        ParameterDefinition? parameter = Context.Rig.Dictionary.Parameters.FirstOrDefault(p => p.Name == name);
        if (parameter is null)
        {
            Problem(at, relative, $"unknown parameter '{name}' (not in {Context.Rig.Name}'s dictionary)");
            return null;
        }

        if (settable && !parameter.Settable)
        {
            Problem(at, relative, $"parameter '{name}' is read-only");
            return null;
        }

        return parameter;
    }

    public ParameterDefinition? Parameter(string field, bool required = true, bool settable = false)
    {
        string? name = String(field, required);
        return name is null ? null : Parameter(Json[field]!, field, name, settable);
    }

    /// <summary>Reports every field of the step that no reader asked for.</summary>
    public void Finish()
    {
        if (isStep && step["label"] is { Type: not JTokenType.String } label)
        {
            Problem(label, "label", "wrong type: expected a string");
        }

        foreach (JProperty property in step.Properties())
        {
            if (!_read.Contains(property.Name))
            {
                Problem(property, property.Name, $"unknown field '{property.Name}' for a {step["kind"]} step");
            }
        }
    }
}
