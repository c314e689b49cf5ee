using System.Text;

namespace UsocHil.Testing;

/// <summary>
/// What an operator's terminal shows after the bytes a program wrote to it: a small VT100 model (printable text with
/// xterm's deferred auto-wrap, CR, LF, backspace, cursor up/down/left/right/column/position, erase in line and in
/// display; colours and modes ignored). Lines scrolled off the top are kept, so the whole session can be read back.
/// </summary>
public sealed class TerminalScreen
{
    private readonly List<StringBuilder> _lines = [new()];
    private readonly int _columns;
    private int _row;
    private int _column;
    private bool _pendingWrap;

    public TerminalScreen(int columns) => _columns = columns;

    /// <summary>Every line, scrollback included, without trailing blanks.</summary>
    public IReadOnlyList<string> Lines => _lines.Select(l => l.ToString().TrimEnd()).ToList();

    public static TerminalScreen Of(string output, int columns)
    {
        var screen = new TerminalScreen(columns);
        screen.Write(output);
        return screen;
    }

    public void Write(string output)
    {
        for (int i = 0; i < output.Length; i++)
        {
            char c = output[i];
            switch (c)
            {
                case '\x1b':
                    i = Escape(output, i);
                    break;
                case '\r':
                    _column = 0;
                    _pendingWrap = false;
                    break;
                case '\n':
                    Down(1);
                    _pendingWrap = false;
                    break;
                case '\b':
                    _column = Math.Max(0, _column - 1);
                    _pendingWrap = false;
                    break;
                case < ' ':
                    break;
                default:
                    Print(c);
                    break;
            }
        }
    }

    private void Print(char c)
    {
        if (_pendingWrap)
        {
            _column = 0;
            Down(1);
            _pendingWrap = false;
        }

        StringBuilder line = _lines[_row];
        if (line.Length < _column)
        {
            line.Append(' ', _column - line.Length);
        }

        if (line.Length == _column)
        {
            line.Append(c);
        }
        else
        {
            line[_column] = c;
        }

        if (_column == _columns - 1)
        {
            _pendingWrap = true;
        }
        else
        {
            _column++;
        }
    }

    /// <summary>Applies the escape sequence starting at <paramref name="start"/>; returns the index of its last character.</summary>
    private int Escape(string output, int start)
    {
        if (start + 1 >= output.Length)
        {
            return start;
        }

        if (output[start + 1] != '[')
        {
            return start + 1; // ESC = , ESC > and the like: keypad modes.
        }

        int end = start + 2;
        while (end < output.Length && output[end] is not (>= '@' and <= '~'))
        {
            end++;
        }

        if (end >= output.Length)
        {
            return output.Length - 1;
        }

        string parameters = output[(start + 2)..end];
        if (parameters.StartsWith('?'))
        {
            return end; // private modes: cursor visibility, application keys.
        }

        int[] numbers = parameters.Split(';').Select(p => int.TryParse(p, out int n) ? n : 0).ToArray();
        int n = Math.Max(1, numbers[0]);
        _pendingWrap = false;
        switch (output[end])
        {
            case 'A':
                _row = Math.Max(0, _row - n);
                break;
            case 'B':
                Down(n);
                break;
            case 'C':
                _column = Math.Min(_columns - 1, _column + n);
                break;
            case 'D':
                _column = Math.Max(0, _column - n);
                break;
            case 'G':
                _column = Math.Min(_columns, n) - 1;
                break;
            case 'H' or 'f':
                // The model has no fixed top of screen, so only the column of a cursor position is kept.
                _column = numbers.Length > 1 ? Math.Max(1, numbers[1]) - 1 : 0;
                break;
            case 'K':
                EraseInLine(numbers[0]);
                break;
            case 'J':
                EraseBelow();
                break;
        }

        return end;
    }

    private void Down(int n)
    {
        _row += n;
        while (_lines.Count <= _row)
        {
            _lines.Add(new StringBuilder());
        }
    }

    private void EraseInLine(int mode)
    {
        StringBuilder line = _lines[_row];
        switch (mode)
        {
            case 0 when _column < line.Length:
                line.Length = _column;
                break;
            case 1:
                for (int i = 0; i <= Math.Min(_column, line.Length - 1); i++)
                {
                    line[i] = ' ';
                }

                break;
            case 2:
                line.Clear();
                break;
        }
    }

    private void EraseBelow()
    {
        EraseInLine(0);
        for (int i = _row + 1; i < _lines.Count; i++)
        {
            _lines[i].Clear();
        }
    }
}
