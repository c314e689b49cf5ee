using System.Globalization;

namespace UsocHil.Sequencing.Steps;

/// <summary>A number in a sequence file: a literal, a variable ("$setpoint") or a variable plus or minus a literal ("$base + 10").</summary>
public sealed record ValueExpression(string? Variable, double Offset)
{
    public static ValueExpression Literal(double value) => new(null, value);

    public static bool TryParse(string text, out ValueExpression? expression)
    {
        expression = null;
        string s = text.Trim();
        if (double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out double literal))
        {
            expression = double.IsFinite(literal) ? Literal(literal) : null;
            return expression is not null;
        }

        if (!s.StartsWith('$'))
        {
            return false;
        }

        int op = s.IndexOfAny(['+', '-'], 1);
        string name = (op < 0 ? s[1..] : s[1..op]).TrimEnd();
        if (name.Length == 0 || !name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_'))
        {
            return false;
        }

        double offset = 0;
        if (op >= 0 && (!double.TryParse(s[(op + 1)..].Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out offset) || !double.IsFinite(offset)))
        {
            return false;
        }

        expression = new ValueExpression(name, op >= 0 && s[op] == '-' ? -offset : offset);
        return true;
    }

    public double Evaluate(VariableScope scope)
    {
        if (Variable is null)
        {
            return Offset;
        }

        return scope.TryGet(Variable, out double value)
            ? value + Offset
            : throw new InvalidOperationException($"variable ${Variable} is not bound here");
    }

    public override string ToString() =>
        Variable is null ? Offset.ToString(CultureInfo.InvariantCulture)
        : Offset == 0 ? $"${Variable}"
        : $"${Variable} {(Offset < 0 ? '-' : '+')} {Math.Abs(Offset).ToString(CultureInfo.InvariantCulture)}";
}
