namespace UsocHil.FirmwareSim.Instruments.Scpi;

/// <summary>
/// A SCPI instrument's command interpreter: the IEEE 488.2 common commands and <c>SYST:ERR?</c> here, the
/// instrument's own headers registered by the subclass. One program message per line, several commands separated
/// by <c>;</c>; query answers of one line are joined with <c>;</c>. Errors go to the queue, never to the answer.
/// </summary>
public abstract class ScpiInstrument
{
    private readonly List<(ScpiHeader Header, Func<string?, string?> Handler)> _commands = [];
    private readonly Lock _gate = new();

    protected ScpiInstrument(ScpiErrorQueue errors)
    {
        Errors = errors;
        On("*IDN?", _ => Identity);
        On("*RST", _ => Do(Reset));
        On("*CLS", _ => Do(Errors.Clear));
        On("*OPC?", _ => "1");
        On("*OPC", _ => null);
        On("*WAI", _ => null);
        On("*ESR?", _ => "0");
        On("SYSTem:ERRor[:NEXT]?", _ => Errors.Pop());
    }

    public ScpiErrorQueue Errors { get; }

    /// <summary>The <c>*IDN?</c> answer: manufacturer,model,serial,firmware.</summary>
    public abstract string Identity { get; }

    /// <summary>Executes one line; returns the answer to send, or null when the line held no query.</summary>
    public string? Execute(string line)
    {
        lock (_gate)
        {
            var answers = new List<string>();
            foreach (string command in line.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                string? answer = ExecuteOne(command);
                if (answer is not null)
                {
                    answers.Add(answer);
                }
            }

            return answers.Count == 0 ? null : string.Join(';', answers);
        }
    }

    protected abstract void Reset();

    protected void On(string pattern, Func<string?, string?> handler) => _commands.Add((new ScpiHeader(pattern), handler));

    protected static string? Do(Action action)
    {
        action();
        return null;
    }

    private string? ExecuteOne(string command)
    {
        int space = command.IndexOfAny([' ', '\t']);
        string header = space < 0 ? command : command[..space];
        string? argument = space < 0 ? null : command[(space + 1)..].Trim();
        foreach ((ScpiHeader pattern, Func<string?, string?> handler) in _commands)
        {
            if (pattern.Matches(header))
            {
                try
                {
                    return handler(argument);
                }
                catch (ScpiException e)
                {
                    Errors.Push(e.Code, e.Message);
                    return null;
                }
            }
        }

        Errors.Push(-113, "Undefined header");
        return null;
    }
}
