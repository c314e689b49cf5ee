using System.Globalization;

namespace UsocHil.FirmwareSim.Instruments.Scpi;

/// <summary>
/// A SCPI instrument's command interpreter: the IEEE 488.2 common commands and status model, the SCPI-99 required
/// SYSTem and STATus commands here, the instrument's own headers registered by the subclass. One program message per
/// line, its units separated by <c>;</c>; a compound header keeps the path of the one before it (<c>MEAS:VOLT?;CURR?</c>
/// is MEAS:CURR?), a leading colon goes back to the root, and common commands leave the path alone. Query answers of
/// one message are joined with <c>;</c>. Errors go to the queue and the event status register, never to the answer.
/// </summary>
public abstract class ScpiInstrument
{
    public const string ScpiVersion = "1999.0";

    private readonly List<Command> _commands = [];
    private readonly Lock _gate = new();

    protected ScpiInstrument(ScpiErrorQueue errors)
    {
        Errors = errors;
        Status = new ScpiStatus(errors);
        On("*IDN?", _ => Identity);
        On("*RST", _ => Do(Reset));
        On("*CLS", _ => Do(Status.Clear));
        On("*ESE", p => Do(() => Status.EventStatusEnable = p.Register(0, 255)));
        On("*ESE?", _ => Integer(Status.EventStatusEnable));
        On("*ESR?", _ => Integer(Status.ReadEventStatus()));
        On("*SRE", p => Do(() => Status.ServiceRequestEnable = p.Register(0, 255) & ~ScpiStatus.RequestServiceBit));
        On("*SRE?", _ => Integer(Status.ServiceRequestEnable));
        On("*STB?", _ => Integer(Status.StatusByte(_answersPending)));
        // Every operation completes before the next command is parsed, so *OPC sets OPC at once and *WAI waits for nothing.
        On("*OPC", _ => Do(() => Status.Raise(UsocHil.Protocols.Scpi.ScpiEventStatus.OperationComplete)));
        On("*OPC?", _ => "1");
        On("*WAI", _ => null);
        On("*TST?", _ => "0");
        On("SYSTem:ERRor[:NEXT]?", _ => Errors.Pop());
        On("SYSTem:ERRor:COUNt?", _ => Integer(Errors.Count));
        On("SYSTem:VERSion?", _ => ScpiVersion);
        Register("STATus:OPERation", Status.Operation);
        Register("STATus:QUEStionable", Status.Questionable);
        On("STATus:PRESet", _ => Do(() => Status.Operation.Enable = Status.Questionable.Enable = 0));
    }

    private bool _answersPending;

    public ScpiErrorQueue Errors { get; }

    public ScpiStatus Status { get; }

    /// <summary>The <c>*IDN?</c> answer: manufacturer,model,serial,firmware.</summary>
    public abstract string Identity { get; }

    /// <summary>The command headers served, in the standard notation (for the documentation and the tests).</summary>
    public IEnumerable<string> Headers => _commands.Select(c => c.Header.Pattern);

    /// <summary>Executes one program message; returns the answer to send, or null when the message held no query.</summary>
    public string? Execute(string message)
    {
        lock (_gate)
        {
            var answers = new List<string>();
            IReadOnlyList<string> units = ScpiProgramUnit.Split(message);
            string[] path = [];
            for (int u = 0; u < units.Count; u++)
            {
                if (u == units.Count - 1 && units.Count > 1 && units[u].Trim().Length == 0)
                {
                    break; // A trailing ';' before the terminator is not a unit.
                }

                _answersPending = answers.Count > 0;
                try
                {
                    ScpiProgramUnit unit = ScpiProgramUnit.Parse(units[u]);
                    string[] nodes = unit.Common || unit.Rooted ? [.. unit.Nodes] : [.. path, .. unit.Nodes];
                    if (!unit.Common)
                    {
                        path = nodes[..^1];
                    }

                    string? answer = ExecuteOne(nodes, unit);
                    if (answer is not null)
                    {
                        answers.Add(answer);
                    }
                }
                catch (ScpiException e)
                {
                    Errors.Push(e.Code, e.Message);

                    // A syntax error leaves the parser unsure where the message stands: the rest of it is not executed.
                    if (e.Code == -102)
                    {
                        break;
                    }
                }
            }

            _answersPending = false;
            return answers.Count == 0 ? null : string.Join(';', answers);
        }
    }

    /// <summary>The server's input buffer overflowed: the message was thrown away whole, none of it executed.</summary>
    public void InputOverrun()
    {
        lock (_gate)
        {
            ScpiException e = ScpiException.InputBufferOverrun();
            Errors.Push(e.Code, e.Message);
        }
    }

    protected abstract void Reset();

    /// <summary>
    /// Registers a header. A setting takes one parameter and a query none unless <paramref name="maxParameters"/> says
    /// otherwise; more is -108 "Parameter not allowed" and nothing is done.
    /// </summary>
    protected void On(string pattern, Func<ScpiParameters, string?> handler, int? maxParameters = null)
    {
        var header = new ScpiHeader(pattern);
        _commands.Add(new Command(header, handler, maxParameters ?? (header.IsQuery ? 0 : 1)));
    }

    protected static string? Do(Action action)
    {
        action();
        return null;
    }

    protected static string Integer(int value) => value.ToString(CultureInfo.InvariantCulture);

    private void Register(string root, ScpiRegister register)
    {
        On(root + "[:EVENt]?", _ => Integer(register.ReadEvent()));
        On(root + ":CONDition?", _ => Integer(register.Condition));
        On(root + ":ENABle", p => Do(() => register.Enable = p.Register(0, 32767)));
        On(root + ":ENABle?", _ => Integer(register.Enable));
    }

    private string? ExecuteOne(string[] nodes, ScpiProgramUnit unit)
    {
        bool suffixOutOfRange = false;
        foreach (Command command in _commands)
        {
            if (command.Header.IsCommon != unit.Common)
            {
                continue;
            }

            switch (command.Header.Matches(nodes, unit.Query))
            {
                case ScpiHeaderMatch.Yes:
                    if (unit.Parameters.Count > command.MaxParameters)
                    {
                        throw ScpiException.ParameterNotAllowed();
                    }

                    return command.Handler(new ScpiParameters(unit.Parameters));
                case ScpiHeaderMatch.SuffixOutOfRange:
                    suffixOutOfRange = true;
                    break;
                default:
                    break;
            }
        }

        throw suffixOutOfRange ? ScpiException.HeaderSuffixOutOfRange() : ScpiException.UndefinedHeader();
    }

    private sealed record Command(ScpiHeader Header, Func<ScpiParameters, string?> Handler, int MaxParameters);
}
