using System.Globalization;

namespace UsocHil.Protocols.Scpi;

/// <summary>
/// The number syntax IEEE 488.2 shares between program data and response data: decimal numbers (§7.7.2: a sign,
/// digits with an optional point, an optional exponent with white space allowed before and after the E) and the
/// non-decimal forms <c>#H1A</c>, <c>#Q17</c>, <c>#B1010</c> (§7.7.4). The client reads answers with it, the emulated
/// instruments their parameters.
/// </summary>
public static class ScpiNumericSyntax
{
    /// <summary>Reads a decimal number at the start of <paramref name="text"/>; <paramref name="length"/> is how much it took.</summary>
    public static bool TryParseDecimal(ReadOnlySpan<char> text, out double value, out int length)
    {
        value = 0;
        length = 0;
        int i = 0;
        if (i < text.Length && text[i] is '+' or '-')
        {
            i++;
        }

        int mantissaDigits = 0;
        while (i < text.Length && char.IsAsciiDigit(text[i]))
        {
            i++;
            mantissaDigits++;
        }

        if (i < text.Length && text[i] == '.')
        {
            i++;
            while (i < text.Length && char.IsAsciiDigit(text[i]))
            {
                i++;
                mantissaDigits++;
            }
        }

        if (mantissaDigits == 0)
        {
            return false;
        }

        int mantissaEnd = i;
        int exponentEnd = ExponentEnd(text, i);
        string number = string.Concat(text[..mantissaEnd], exponentEnd > mantissaEnd ? Compact(text[mantissaEnd..exponentEnd]) : "");
        if (!double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out value) || !double.IsFinite(value))
        {
            return false;
        }

        length = exponentEnd;
        return true;
    }

    /// <summary>A whole non-decimal number, <c>#H</c> hexadecimal, <c>#Q</c> octal or <c>#B</c> binary, up to 64 bits.</summary>
    public static bool TryParseNonDecimal(ReadOnlySpan<char> text, out double value)
    {
        value = 0;
        if (text.Length < 3 || text[0] != '#')
        {
            return false;
        }

        int radix = char.ToUpperInvariant(text[1]) switch
        {
            'H' => 16,
            'Q' => 8,
            'B' => 2,
            _ => 0,
        };
        if (radix == 0)
        {
            return false;
        }

        ulong result = 0;
        foreach (char c in text[2..])
        {
            int digit = char.IsAsciiDigit(c) ? c - '0' : char.IsAsciiLetter(c) ? char.ToUpperInvariant(c) - 'A' + 10 : 99;
            if (digit >= radix || result > (ulong.MaxValue - (ulong)digit) / (ulong)radix)
            {
                return false;
            }

            result = (result * (ulong)radix) + (ulong)digit;
        }

        value = result;
        return true;
    }

    /// <summary>The end of an exponent starting at <paramref name="start"/> (white space, E, white space, sign, digits), or <paramref name="start"/> when none is there.</summary>
    private static int ExponentEnd(ReadOnlySpan<char> text, int start)
    {
        int i = SkipSpace(text, start);
        if (i >= text.Length || text[i] is not ('e' or 'E'))
        {
            return start;
        }

        i = SkipSpace(text, i + 1);
        if (i < text.Length && text[i] is '+' or '-')
        {
            i++;
        }

        int digits = 0;
        while (i < text.Length && char.IsAsciiDigit(text[i]))
        {
            i++;
            digits++;
        }

        return digits == 0 ? start : i;
    }

    private static int SkipSpace(ReadOnlySpan<char> text, int i)
    {
        while (i < text.Length && text[i] is ' ' or '\t')
        {
            i++;
        }

        return i;
    }

    private static string Compact(ReadOnlySpan<char> exponent)
    {
        Span<char> buffer = stackalloc char[exponent.Length];
        int n = 0;
        foreach (char c in exponent)
        {
            if (c is not (' ' or '\t'))
            {
                buffer[n++] = c;
            }
        }

        return new string(buffer[..n]);
    }
}
