using System.Globalization;
using System.Text;
using Serilog;
using UsocHil.Links;

namespace UsocHil.Protocols.Scpi;

/// <summary>
/// An IEEE 488.2 / SCPI instrument over a line-oriented link (a raw TCP socket, port 5025 by convention, or a serial
/// line): commands and queries one at a time, the error queue read after every batch, answers within a time.
/// One answer per query, always: after a query times out the client is out of step with the instrument (a late answer
/// may still come), so before the next exchange it clears the instrument (device clear where the link has one, else
/// it drains the link until it stays quiet for a whole query timeout) and logs that it did.
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
    private string? _outOfStepAfter;

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

    /// <summary>
    /// Sends commands, waits with <c>*OPC?</c> until they are complete (so a measurement after them sees them applied),
    /// then reads <c>*ESR?</c> and the error queue; an error throws <see cref="ScpiInstrumentException"/>.
    /// </summary>
    public async Task ExecuteAsync(IEnumerable<string> commands, CancellationToken cancellationToken)
    {
        var sent = new List<string>();
        foreach (string command in commands)
        {
            await WriteAsync(command, cancellationToken).ConfigureAwait(false);
            sent.Add(command);
        }

        string batch = string.Join("; ", sent);
        await OperationCompleteAsync(cancellationToken).ConfigureAwait(false);
        int status = await ReadEventStatusAsync(cancellationToken).ConfigureAwait(false);
        await CheckErrorsAsync(batch, cancellationToken).ConfigureAwait(false);
        if ((status & ScpiEventStatus.ErrorBits) != 0)
        {
            string bits = ScpiEventStatus.Describe(status);
            _logger.Warning("Instrument {Endpoint} *ESR? {Status} ({Bits}) after {Command} with an empty error queue", Endpoint, status, bits, batch);
            throw new ScpiInstrumentException(Endpoint, 0, $"*ESR? {status} ({bits}) with no entry in the error queue", batch, []);
        }
    }

    /// <summary><c>*ESR?</c>: the standard event status register (IEEE 488.2 §11.5.1), cleared by reading it.</summary>
    public async Task<int> ReadEventStatusAsync(CancellationToken cancellationToken)
    {
        string answer = await QueryAsync("*ESR?", cancellationToken).ConfigureAwait(false);
        double value = ScpiNumber.Parse(answer, Endpoint).Value;
        return value is >= 0 and <= 255 && value == Math.Floor(value)
            ? (int)value
            : throw new ScpiException(Endpoint, $"*ESR? answered '{answer}', not a register value 0-255");
    }

    public Task ExecuteAsync(string command, CancellationToken cancellationToken) => ExecuteAsync([command], cancellationToken);

    /// <summary>A query whose answer is returned only when the error queue is empty after it.</summary>
    public async Task<string> QueryCheckedAsync(string query, CancellationToken cancellationToken)
    {
        string answer = await QueryAsync(query, cancellationToken).ConfigureAwait(false);
        await CheckErrorsAsync(query, cancellationToken).ConfigureAwait(false);
        return answer;
    }

    /// <summary>A query answered by exactly one number; an answer of several units is refused, not half read.</summary>
    public async Task<ScpiNumber> QueryNumberAsync(string query, CancellationToken cancellationToken)
    {
        IReadOnlyList<ScpiNumber> numbers = await QueryNumbersAsync(query, cancellationToken).ConfigureAwait(false);
        return numbers.Count == 1
            ? numbers[0]
            : throw new ScpiException(Endpoint, $"{query} answered {numbers.Count} numbers, expected one");
    }

    /// <summary>A compound query's numbers, one per response message unit: <c>MEAS:VOLT?;CURR?</c> → 28.0 and 3.0.</summary>
    public async Task<IReadOnlyList<ScpiNumber>> QueryNumbersAsync(string query, CancellationToken cancellationToken) =>
        ScpiResponse.Numbers(await QueryCheckedAsync(query, cancellationToken).ConfigureAwait(false), Endpoint);

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
            await ResynchroniseAsync(cancellationToken).ConfigureAwait(false);
            await SendAsync(command, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// Sends a query and returns its answer line; no answer within the timeout throws <see cref="ScpiTimeoutException"/>
    /// (an instrument fault, not a lost link) and the instrument is cleared before the next exchange.
    /// </summary>
    public async Task<string> QueryAsync(string query, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await ResynchroniseAsync(cancellationToken).ConfigureAwait(false);
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
                // A late answer would be taken for the next query's: forget whatever part of it arrived, and clear the
                // instrument before the next exchange.
                _line.Clear();
                _readStart = _readEnd = 0;
                _outOfStepAfter = query;
                throw new ScpiTimeoutException(Endpoint, query, _options.Timeout);
            }
            catch (OperationCanceledException)
            {
                // Cancelled mid-read: the answer may still come, so the next exchange starts with a clear.
                _line.Clear();
                _readStart = _readEnd = 0;
                _outOfStepAfter = query;
                throw;
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

    /// <summary>
    /// Brings the client back in step after a query went unanswered: device clear where the link has one (IEEE 488.2
    /// §5.8: the instrument empties its input and output queues), else discards whatever the link delivers until it
    /// has been quiet for a whole query timeout. An instrument that never falls quiet is a fault; the next exchange tries again.
    /// </summary>
    private async Task ResynchroniseAsync(CancellationToken cancellationToken)
    {
        if (_outOfStepAfter is not { } query)
        {
            return;
        }

        _line.Clear();
        _readStart = _readEnd = 0;
        if (_link is IDeviceClearLink clearable)
        {
            await clearable.DeviceClearAsync(cancellationToken).ConfigureAwait(false);
            _outOfStepAfter = null;
            _logger.Warning("Instrument {Endpoint}: device clear after {Query} went unanswered", Endpoint, query);
            return;
        }

        long discarded = 0;
        DateTimeOffset giveUp = _timeProvider.GetUtcNow() + (_options.Timeout * _options.MaxDrainTimeouts);
        while (true)
        {
            using var quiet = new CancellationTokenSource(_options.Timeout, _timeProvider);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, quiet.Token);
            int read;
            try
            {
                read = await _link.ReadAsync(_readBuffer, linked.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (quiet.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                break;
            }

            if (read == 0)
            {
                throw new LinkClosedException(Endpoint, "the instrument closed the connection");
            }

            discarded += read;
            if (_timeProvider.GetUtcNow() > giveUp)
            {
                throw new ScpiException(Endpoint, $"still talking {(_options.Timeout * _options.MaxDrainTimeouts).TotalSeconds:0.###} s after {query} went unanswered ({discarded} bytes discarded)");
            }
        }

        _outOfStepAfter = null;
        _logger.Warning("Instrument {Endpoint}: cleared after {Query} went unanswered (drained until quiet, {Bytes} late bytes discarded)", Endpoint, query, discarded);
    }

    private async Task SendAsync(string command, CancellationToken cancellationToken)
    {
        _logger.Verbose("Instrument {Endpoint} <- {Command}", Endpoint, command);
        await _link.WriteAsync(Encoding.ASCII.GetBytes(command + _options.Terminator), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Reads one answer line; an over-long one is read to its end and refused, so the next answer is the next line.</summary>
    private async Task<string> ReadLineAsync(CancellationToken cancellationToken)
    {
        bool tooLong = false;
        while (true)
        {
            int newline = Array.IndexOf(_readBuffer, (byte)'\n', _readStart, _readEnd - _readStart);
            int end = newline < 0 ? _readEnd : newline;
            if (!tooLong)
            {
                _line.Append(Encoding.ASCII.GetString(_readBuffer, _readStart, end - _readStart));
            }

            _readStart = newline < 0 ? _readEnd : newline + 1;
            if (_line.Length > _options.MaxResponseLength)
            {
                _line.Clear();
                tooLong = true;
            }

            if (newline >= 0)
            {
                if (tooLong)
                {
                    throw new ScpiException(Endpoint, $"an answer longer than {_options.MaxResponseLength} characters");
                }

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
