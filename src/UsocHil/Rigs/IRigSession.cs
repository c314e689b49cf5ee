using UsocHil.Description;

namespace UsocHil.Rigs;

/// <summary>
/// One open rig, as the sequence engine and safing see it: named GPIO lines, dictionary commands with verification,
/// service 20 parameters, SCPI instruments and a telemetry cache. The real RigSession sits on links,
/// codecs and drivers; tests use a fake.
/// </summary>
public interface IRigSession : IAsyncDisposable
{
    RigDefinition Rig { get; }

    TelemetryCache Telemetry { get; }

    /// <summary>Raised from the session's own threads: link loss, a red limit, a reboot, a warning.</summary>
    event Action<RigAlarm>? Alarm;

    /// <summary>Drives a GPIO output to a logical level (true = asserted, whatever its polarity).</summary>
    Task SetLineAsync(string line, bool asserted, CancellationToken cancellationToken);

    Task<bool> ReadLineAsync(string line, CancellationToken cancellationToken);

    /// <summary>Sends a dictionary telecommand and awaits its verification; throws when it fails or times out.</summary>
    Task<CommandRecord> SendCommandAsync(string command, IReadOnlyDictionary<string, double> arguments, CancellationToken cancellationToken);

    /// <summary>Sets parameters through service 20 (engineering values, range-checked by the dictionary).</summary>
    Task SetParametersAsync(IReadOnlyDictionary<string, double> values, CancellationToken cancellationToken);

    /// <summary>Reads parameters through service 20 (engineering values).</summary>
    Task<IReadOnlyDictionary<string, double>> ReadParametersAsync(IReadOnlyList<string> names, CancellationToken cancellationToken);

    /// <summary>Sends a SCPI command to a named instrument and checks its error queue.</summary>
    Task WriteInstrumentAsync(string instrument, string command, CancellationToken cancellationToken);

    Task<string> QueryInstrumentAsync(string instrument, string query, CancellationToken cancellationToken);

    /// <summary>
    /// Sends one whole space packet verbatim on the payload link, in the link's framing, unverified: raw steps of a
    /// sequence, allowed only by <c>usoc-hil run --raw</c>. Sessions without a raw path throw <see cref="NotSupportedException"/>.
    /// </summary>
    Task SendRawPacketAsync(ReadOnlyMemory<byte> packet, CancellationToken cancellationToken) =>
        throw new NotSupportedException($"{Rig.Name}: this rig session has no raw packet path");

    /// <summary>
    /// Stops red limits on <paramref name="parameters"/> from raising alarms until the result is disposed: a declared,
    /// recorded inhibition for a test that must cross a limit on purpose (an over-temperature protection check).
    /// </summary>
    IDisposable InhibitLimits(IReadOnlyList<string> parameters);
}
