using System.Globalization;

namespace UsocHil.FirmwareSim.Plant;

/// <summary>
/// A formula over the plant's signals as model.json writes it (<c>MOTOR_EN &amp;&amp; LID_CLOSED ? TORQUE_CMD : 0</c>),
/// compiled once to a delegate over the signal values: numbers, signal names, <c>+ - * /</c>, comparisons,
/// <c>&amp;&amp; || !</c> (true is 1), <c>c ? a : b</c> and min, max, abs, sqrt, sign, pow, exp, clamp.
/// </summary>
public sealed class SignalExpression
{
    private readonly string _text;
    private readonly Func<string, int> _signal;
    private int _at;

    private SignalExpression(string text, Func<string, int> signal)
    {
        _text = text;
        _signal = signal;
    }

    /// <summary>Compiles <paramref name="text"/>; <paramref name="signal"/> gives a name's slot or throws <see cref="KeyNotFoundException"/>.</summary>
    /// <exception cref="FormatException">The formula does not parse or names an unknown signal or function.</exception>
    public static Func<double[], double> Compile(string text, Func<string, int> signal)
    {
        var parser = new SignalExpression(text, signal);
        Func<double[], double> compiled = parser.Ternary();
        parser.Blank();
        return parser._at == text.Length ? compiled : throw parser.Error($"unexpected '{text[parser._at]}'");
    }

    private Func<double[], double> Ternary()
    {
        Func<double[], double> condition = Or();
        if (!Take("?"))
        {
            return condition;
        }

        Func<double[], double> then = Ternary();
        Expect(":");
        Func<double[], double> otherwise = Ternary();
        return v => condition(v) != 0 ? then(v) : otherwise(v);
    }

    private Func<double[], double> Or()
    {
        Func<double[], double> left = And();
        while (Take("||"))
        {
            Func<double[], double> l = left, r = And();
            left = v => l(v) != 0 || r(v) != 0 ? 1 : 0;
        }

        return left;
    }

    private Func<double[], double> And()
    {
        Func<double[], double> left = Comparison();
        while (Take("&&"))
        {
            Func<double[], double> l = left, r = Comparison();
            left = v => l(v) != 0 && r(v) != 0 ? 1 : 0;
        }

        return left;
    }

    private Func<double[], double> Comparison()
    {
        Func<double[], double> l = Sum();
        foreach (string op in (string[])["<=", ">=", "==", "!=", "<", ">"])
        {
            if (Take(op))
            {
                Func<double[], double> r = Sum();
                return op switch
                {
                    "<=" => v => l(v) <= r(v) ? 1 : 0,
                    ">=" => v => l(v) >= r(v) ? 1 : 0,
                    "==" => v => l(v) == r(v) ? 1 : 0,
                    "!=" => v => l(v) != r(v) ? 1 : 0,
                    "<" => v => l(v) < r(v) ? 1 : 0,
                    _ => v => l(v) > r(v) ? 1 : 0,
                };
            }
        }

        return l;
    }

    private Func<double[], double> Sum()
    {
        Func<double[], double> left = Product();
        while (true)
        {
            Func<double[], double> l = left;
            if (Take("+"))
            {
                Func<double[], double> r = Product();
                left = v => l(v) + r(v);
            }
            else if (Take("-"))
            {
                Func<double[], double> r = Product();
                left = v => l(v) - r(v);
            }
            else
            {
                return left;
            }
        }
    }

    private Func<double[], double> Product()
    {
        Func<double[], double> left = Unary();
        while (true)
        {
            Func<double[], double> l = left;
            if (Take("*"))
            {
                Func<double[], double> r = Unary();
                left = v => l(v) * r(v);
            }
            else if (Take("/"))
            {
                Func<double[], double> r = Unary();
                left = v => l(v) / r(v);
            }
            else
            {
                return left;
            }
        }
    }

    private Func<double[], double> Unary()
    {
        if (Take("-"))
        {
            Func<double[], double> operand = Unary();
            return v => -operand(v);
        }

        if (Peek("!") && !Peek("!="))
        {
            _at++;
            Func<double[], double> operand = Unary();
            return v => operand(v) == 0 ? 1 : 0;
        }

        return Primary();
    }

    private Func<double[], double> Primary()
    {
        Blank();
        if (Take("("))
        {
            Func<double[], double> inner = Ternary();
            Expect(")");
            return inner;
        }

        int start = _at;
        if (_at < _text.Length && (char.IsDigit(_text[_at]) || _text[_at] == '.'))
        {
            while (_at < _text.Length && (char.IsDigit(_text[_at]) || _text[_at] is '.' or 'e' or 'E' || (_text[_at] is '+' or '-' && _text[_at - 1] is 'e' or 'E')))
            {
                _at++;
            }

            double number = double.Parse(_text.AsSpan(start, _at - start), NumberStyles.Float, CultureInfo.InvariantCulture);
            return _ => number;
        }

        while (_at < _text.Length && (char.IsLetterOrDigit(_text[_at]) || _text[_at] == '_'))
        {
            _at++;
        }

        if (_at == start)
        {
            throw Error(_at < _text.Length ? $"unexpected '{_text[_at]}'" : "the formula ends too early");
        }

        string name = _text[start.._at];
        if (!Take("("))
        {
            int slot;
            try
            {
                slot = _signal(name);
            }
            catch (KeyNotFoundException)
            {
                throw Error($"unknown signal '{name}'");
            }

            return v => v[slot];
        }

        var args = new List<Func<double[], double>>();
        if (!Take(")"))
        {
            do
            {
                args.Add(Ternary());
            }
            while (Take(","));
            Expect(")");
        }

        return SignalFunctions.Bind(name, args) ?? throw Error($"unknown function {name} with {args.Count} argument(s)");
    }

    private bool Peek(string token)
    {
        Blank();
        return string.CompareOrdinal(_text, _at, token, 0, token.Length) == 0;
    }

    private bool Take(string token)
    {
        if (!Peek(token))
        {
            return false;
        }

        _at += token.Length;
        return true;
    }

    private void Expect(string token)
    {
        if (!Take(token))
        {
            throw Error($"expected '{token}'");
        }
    }

    private void Blank()
    {
        while (_at < _text.Length && char.IsWhiteSpace(_text[_at]))
        {
            _at++;
        }
    }

    private FormatException Error(string reason) => new($"'{_text}' at character {_at + 1}: {reason}");
}
