using System.Text;

namespace UsocHil.Testing;

/// <summary>Lines of one output stream, awaitable by content.</summary>
public sealed class CliOutput
{
    private readonly StringBuilder _text = new();
    private readonly List<string> _lines = [];
    private readonly List<(Func<string, bool> Match, TaskCompletionSource Seen)> _waiting = [];

    public string Text
    {
        get
        {
            lock (_text)
            {
                return _text.ToString();
            }
        }
    }

    public void Add(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_text)
        {
            _text.AppendLine(line);
            _lines.Add(line);
            foreach (var (match, seen) in _waiting.Where(w => w.Match(line)).ToList())
            {
                seen.TrySetResult();
                _waiting.RemoveAll(w => w.Seen == seen);
            }
        }
    }

    public Task WaitForAsync(string needle, CancellationToken cancellationToken) =>
        WaitForLineAsync(line => line.Contains(needle, StringComparison.Ordinal), cancellationToken);

    /// <summary>Completes when a line (already seen or still to come) matches.</summary>
    public Task WaitForLineAsync(Func<string, bool> match, CancellationToken cancellationToken)
    {
        lock (_text)
        {
            if (_lines.Any(match))
            {
                return Task.CompletedTask;
            }

            var seen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiting.Add((match, seen));
            return seen.Task.WaitAsync(cancellationToken);
        }
    }
}
