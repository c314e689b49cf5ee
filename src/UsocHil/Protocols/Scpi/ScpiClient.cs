using System.Globalization;
using System.Text;
using Serilog;
using UsocHil.Links;

namespace UsocHil.Protocols.Scpi;

/// <summary>
/// An IEEE 488.2 / SCPI instrument over a line-oriented link (a raw TCP socket, port 5025 by convention, or a serial
/// line): commands and queries one at a time, the error queue read after every batch, answers within a time.
/// </summary>
public sealed class ScpiClient
{
    private readonly ILink _link;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly ScpiClientOptions _options;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly byte[] _readBuffer = new byte[4096];
    private readonly StringBuilder _line = new();
    private int _readStart;
    private int _readEnd;

    public ScpiClient(ILink link, TimeProvider timeProvider, ILogger logger, ScpiClientOptions? options = null)
    {
        _link = link;
        _timeProvider = timeProvider;
        _logger = logger;
        _options = options ?? new ScpiClientOptions();
    }

    public string Endpoint => _link.Info.Endpoint;

    public async Task<ScpiIdentity> IdentifyAsync(CancellationToken cancellationToken) =>
        ScpiIdentity.Parse(await QueryAsync("*IDN?", cancellationToken).ConfigureAwait(false), Endpoint);

    /// <summary>*RST then *CLS, then waits for *OPC? so the instrument is settled before the next command.</summary>
    public async Task ResetAsync(CancellationToken cancellationToken)
    {
        await WriteAsync("*RST", cancellationToken).ConfigureAwait(false);
        await ClearAsync(cancellationToken).ConfigureAwait(false);
        await OperationCompleteAsync(cancellationToken).ConfigureAwait(false);
    }

    public Task ClearAsync(CancellationToken cancellationToken) => WriteAsync("*CLS", cancellationToken);

    /// <summary>*OPC?: waits until pending operations finish; the instrument answers 1.</summary>
    public async Task OperationCompleteAsync(CancellationToken cancellationToken)
    {
        string answer = await QueryAsync("*OPC?", cancellationToken).ConfigureAwait(false);
        if (answer.Trim() != "1")
        {
            throw new ScpiException(Endpoint, $"*OPC? answered '{answer}', not 1");
        }
    }

    /// <summary>Sends commands, then reads the error queue; an error throws <see cref="ScpiInstrumentException"/>.</summary>
    public async Task ExecuteAsync(IEnumerable<string> commands, CancellationToken cancellationToken)
    {
        var sent = new List<string>();
        foreach (string command in commands)
        {
            await WriteAsync(command, cancellationToken).ConfigureAwait(false);
            sent.Add(command);
        }

        await CheckErrorsAsync(string.Join("; ", sent), cancellationToken).ConfigureAwait(false);
    }

    public Task ExecuteAsync(string command, CancellationToken cancellationToken) => ExecuteAsync([command], cancellationToken);

    /// <summary>A query whose answer is returned only when the error queue is empty after it.</summary>
    public async Task<string> QueryCheckedAsync(string query, CancellationToken cancellationToken)
    {
        string answer = await QueryAsync(query, cancellationToken).ConfigureAwait(false);
        await CheckErrorsAsync(query, cancellationToken).ConfigureAwait(false);
        return answer;
    }

    public async Task<ScpiNumber> QueryNumberAsync(string query, CancellationToken cancellationToken) =>
        ScpiNumber.Parse(await QueryCheckedAsync(query, cancellationToken).ConfigureAwait(false), Endpoint);

    /// <summary>Reads SYST:ERR? until it answers 0; throws with the first error and lists them all.</summary>
    public async Task CheckErrorsAsync(string? after, CancellationToken cancellationToken)
    {
        var errors = new List<(int Code, string Message)>();
        for (int i = 0; i < _options.MaxErrorReads; i++)
        {
            string entry = await QueryAsync("SYST:ERR?", cancellationToken).ConfigureAwait(false);
            (int code, string message) = ParseError(entry) ?? throw new ScpiException(Endpoint, $"SYST:ERR? answered '{entry}', not code,\"message\"");
            if (code == 0)
            {
                break;
            }

            errors.Add((code, message));
        }

        if (errors.Count > 0)
        {
            _logger.Warning("Instrument {Endpoint} reported {Code},{Message} after {Command}", Endpoint, errors[0].Code, errors[0].Message, after);
            throw new ScpiInstrumentException(Endpoint, errors[0].Code, errors[0].Message, after, errors);
        }
    }

    /// <summary>Sends one command line; no answer expected, the error queue not read.</summary>
    public async Task WriteAsync(string command, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await SendAsync(command, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Sends a query and returns its answer line; no answer within the timeout throws <see cref="LinkTimeoutException"/>.</summary>
    public async Task<string> QueryAsync(string query, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await SendAsync(query, cancellationToken).ConfigureAwait(false);
            using var timeout = new CancellationTokenSource(_options.Timeout, _timeProvider);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
            try
            {
                string answer = await ReadLineAsync(linked.Token).ConfigureAwait(false);
                _logger.Verbose("Instrument {Endpoint} {Query} -> {Answer}", Endpoint, query, answer);
                return answer;
            }
            catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                // A late answer would be taken for the next query's: forget whatever part of it arrived.
                _line.Clear();
                _readStart = _readEnd = 0;
                throw new LinkTimeoutException(Endpoint, $"no answer to {query} within {_options.Timeout.TotalSeconds:0.###} s");
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    internal static (int Code, string Message)? ParseError(string entry)
    {
        int comma = entry.IndexOf(',', StringComparison.Ordinal);
        string codeText = comma < 0 ? entry.Trim() : entry[..comma].Trim();
        string message = comma < 0 ? "" : entry[(comma + 1)..].Trim().Trim('"');
        return int.TryParse(codeText, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int code)
            ? (code, message)
            : null;
    }

    private async Task SendAsync(string command, CancellationToken cancellationToken)
    {
        _logger.Verbose("Instrument {Endpoint} <- {Command}", Endpoint, command);
        await _link.WriteAsync(Encoding.ASCII.GetBytes(command + _options.Terminator), cancellationToken).ConfigureAwait(false);
    }

    private async Task<string> ReadLineAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            int newline = Array.IndexOf(_readBuffer, (byte)'\n', _readStart, _readEnd - _readStart);
            int end = newline < 0 ? _readEnd : newline;
            _line.Append(Encoding.ASCII.GetString(_readBuffer, _readStart, end - _readStart));
            _readStart = newline < 0 ? _readEnd : newline + 1;
            if (_line.Length > _options.MaxResponseLength)
            {
                _line.Clear();
                throw new ScpiException(Endpoint, $"an answer longer than {_options.MaxResponseLength} characters");
            }

            if (newline >= 0)
            {
                string line = _line.ToString().TrimEnd('\r');
                _line.Clear();
                return line;
            }

            _readStart = _readEnd = 0;
            int read = await _link.ReadAsync(_readBuffer, cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                throw new LinkClosedException(Endpoint, "the instrument closed the connection");
            }

            _readEnd = read;
        }
    }
}
