namespace UsocHil.Rigs;

/// <summary>
/// A payload channel that can also put raw packets on its link (<see cref="RawPacketPort"/>). The rig session keeps
/// whichever channel is current, so after a reconnect raw packets go out on the new link.
/// </summary>
internal sealed class RawPacketChannel(IPayloadChannel inner, RawPacketPort port) : IPayloadChannel
{
    public event Action<IReadOnlyList<TelemetrySample>>? Housekeeping
    {
        add => inner.Housekeeping += value;
        remove => inner.Housekeeping -= value;
    }

    public event Action<string, DateTimeOffset>? DeviceEvent
    {
        add => inner.DeviceEvent += value;
        remove => inner.DeviceEvent -= value;
    }

    public event Action<Exception>? Lost
    {
        add => inner.Lost += value;
        remove => inner.Lost -= value;
    }

    /// <summary>Every space packet read from or written to the link, for the run's raw packet archive.</summary>
    public event Action<CapturedPacket>? Packet
    {
        add => port.Captured += value;
        remove => port.Captured -= value;
    }

    public Exception? LostWith => inner.LostWith;

    public RawPacketPort Port => port;

    public Task<CommandRecord> SendAsync(string command, IReadOnlyDictionary<string, double> arguments, CancellationToken cancellationToken) =>
        inner.SendAsync(command, arguments, cancellationToken);

    public Task SetParametersAsync(IReadOnlyDictionary<string, double> values, CancellationToken cancellationToken) =>
        inner.SetParametersAsync(values, cancellationToken);

    public Task<IReadOnlyDictionary<string, double>> ReadParametersAsync(IReadOnlyList<string> names, CancellationToken cancellationToken) =>
        inner.ReadParametersAsync(names, cancellationToken);

    public ValueTask DisposeAsync() => inner.DisposeAsync();
}
