using System.Text;
using UsocHil.Links;

namespace UsocHil.Tests.Protocols.Scpi;

/// <summary>
/// A tiny SCPI instrument on one end of a link: answers queries from a table, queues -113 "Undefined header" for
/// anything it does not know, answers SYST:ERR? from its queue, and stays silent on queries listed as mute.
/// </summary>
internal sealed class ScriptedInstrument(ILink link, IReadOnlyDictionary<string, string> answers, params string[] mute)
{
    private readonly Queue<string> _errors = new();

    public List<string> Received { get; } = [];

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var line = new StringBuilder();
        var buffer = new byte[256];
        while (true)
        {
            int read;
            try
            {
                read = await link.ReadAsync(buffer, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            if (read == 0)
            {
                return;
            }

            foreach (char c in Encoding.ASCII.GetString(buffer, 0, read))
            {
                if (c != '\n')
                {
                    line.Append(c);
                    continue;
                }

                string command = line.ToString().Trim();
                line.Clear();
                Received.Add(command);
                string? answer = Answer(command);
                if (answer is not null)
                {
                    await link.WriteAsync(Encoding.ASCII.GetBytes(answer + "\r\n"), cancellationToken);
                }
            }
        }
    }

    private string? Answer(string command)
    {
        if (mute.Contains(command))
        {
            return null;
        }

        if (command == "SYST:ERR?")
        {
            return _errors.Count > 0 ? _errors.Dequeue() : "+0,\"No error\"";
        }

        if (answers.TryGetValue(command, out string? answer))
        {
            return answer.Length == 0 ? null : answer;
        }

        _errors.Enqueue("-113,\"Undefined header\"");
        return command.EndsWith('?') ? "" : null;
    }
}
