using System.Globalization;
using System.Text;
using Serilog;
using UsocHil.Links;
using UsocHil.Rigs;

namespace UsocHil.ToyPayload.LineProtocol;

/// <summary>
/// The toy oven's ASCII line protocol, one line each way per request: <c>SET TARGET 40</c> → <c>OK</c> (or
/// <c>ERR why</c>), <c>TEMP?</c> → <c>TEMP 39.8</c>, a command <c>HEAT_ON</c> → <c>HEAT ON</c> → <c>OK</c>. The oven
/// also speaks unasked: <c>TM TEMP=21.0 TARGET=40 HEAT=1</c> (telemetry) and <c>EV name</c> (an event).
/// </summary>
public sealed class ToyLineChannel : IPayloadChannel
{
    private readonly ILink _link;
    private readonly TimeProvider _time;
    private readonly ILogger _log;
    private readonly TimeSpan _answerTimeout;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _reader;
    private TaskCompletionSource<string>? _answer;

    private ToyLineChannel(ILink link, TimeProvider time, ILogger log, TimeSpan answerTimeout)
    {
        _link = link;
        _time = time;
        _log = log;
        _answerTimeout = answerTimeout;
        _reader = Task.Run(ReadLinesAsync);
    }

    public event Action<IReadOnlyList<TelemetrySample>>? Housekeeping;
    public event Action<string, DateTimeOffset>? DeviceEvent;
    public event Action<Exception>? Lost;

    public Exception? LostWith { get; private set; }

    public static IPayloadChannel Open(PayloadOpen open) =>
        new ToyLineChannel(open.Link, open.Time, open.Log, TimeSpan.FromSeconds(open.Timing.CompletionSeconds));

    public async Task<CommandRecord> SendAsync(string command, IReadOnlyDictionary<string, double> arguments, CancellationToken cancellationToken)
    {
        DateTimeOffset sent = _time.GetUtcNow();
        long start = _time.GetTimestamp();
        string line = string.Join(' ', command.Split('_').Concat(arguments.Values.Select(Format)));
        string answer = await AskAsync(line, cancellationToken).ConfigureAwait(false);
        bool ok = answer == "OK";
        TimeSpan took = _time.GetElapsedTime(start);
        return new CommandRecord(command, arguments, ok, took, took, ok ? null : answer, sent);
    }

    public async Task SetParametersAsync(IReadOnlyDictionary<string, double> values, CancellationToken cancellationToken)
    {
        foreach (var (name, value) in values)
        {
            string answer = await AskAsync($"SET {name} {Format(value)}", cancellationToken).ConfigureAwait(false);
            if (answer != "OK")
            {
                throw new InvalidOperationException($"the oven refused SET {name}: {answer}");
            }
        }
    }

    public async Task<IReadOnlyDictionary<string, double>> ReadParametersAsync(IReadOnlyList<string> names, CancellationToken cancellationToken)
    {
        var values = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (string name in names)
        {
            string answer = await AskAsync(name + "?", cancellationToken).ConfigureAwait(false);
            string[] words = answer.Split(' ');
            if (words.Length != 2 || words[0] != name || !double.TryParse(words[1], NumberStyles.Float, CultureInfo.InvariantCulture, out double value))
            {
                throw new InvalidOperationException($"the oven answered '{answer}' to {name}?");
            }

            values[name] = value;
        }

        return values;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await _link.DisposeAsync().ConfigureAwait(false);
        try
        {
            await _reader.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }

        _stop.Dispose();
        _gate.Dispose();
    }

    private static string Format(double value) => value.ToString("G9", CultureInfo.InvariantCulture);

    private async Task<string> AskAsync(string line, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (LostWith is { } lost)
            {
                throw new LinkException(_link.Info.Endpoint, "the oven's link is lost: " + lost.Message, lost);
            }

            var answer = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
            _answer = answer;
            _log.Debug("toy-line > {Line}", line);
            await _link.WriteAsync(Encoding.ASCII.GetBytes(line + "\n"), cancellationToken).ConfigureAwait(false);
            return await answer.Task.WaitAsync(_answerTimeout, _time, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _answer = null;
            _gate.Release();
        }
    }

    private async Task ReadLinesAsync()
    {
        var pending = new StringBuilder();
        byte[] buffer = new byte[1024];
        try
        {
            while (true)
            {
                int read = await _link.ReadAsync(buffer, _stop.Token).ConfigureAwait(false);
                if (read == 0)
                {
                    throw new LinkException(_link.Info.Endpoint, "the oven closed the link");
                }

                pending.Append(Encoding.ASCII.GetString(buffer, 0, read));
                string text = pending.ToString();
                int end;
                while ((end = text.IndexOf('\n', StringComparison.Ordinal)) >= 0)
                {
                    OnLine(text[..end].TrimEnd('\r'));
                    text = text[(end + 1)..];
                }

                pending.Clear().Append(text);
            }
        }
        catch (Exception e) when (!_stop.IsCancellationRequested)
        {
            LostWith = e;
            _answer?.TrySetException(e);
            Lost?.Invoke(e);
        }
    }

    private void OnLine(string line)
    {
        _log.Debug("toy-line < {Line}", line);
        if (line.StartsWith("TM ", StringComparison.Ordinal))
        {
            DateTimeOffset now = _time.GetUtcNow();
            var samples = new List<TelemetrySample>();
            foreach (string pair in line[3..].Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                string[] kv = pair.Split('=');
                if (kv.Length == 2 && double.TryParse(kv[1], NumberStyles.Float, CultureInfo.InvariantCulture, out double value))
                {
                    samples.Add(new TelemetrySample(kv[0], value, now));
                }
            }

            Housekeeping?.Invoke(samples);
        }
        else if (line.StartsWith("EV ", StringComparison.Ordinal))
        {
            DeviceEvent?.Invoke(line[3..], _time.GetUtcNow());
        }
        else
        {
            _answer?.TrySetResult(line);
        }
    }
}
