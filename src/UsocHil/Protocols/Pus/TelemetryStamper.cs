using System.Collections.Concurrent;
using UsocHil.Framing.Ccsds;

namespace UsocHil.Protocols.Pus;

/// <summary>
/// The payload's side of numbering telemetry: the next sequence count of the APID, the next message type counter of
/// the (service, subtype) pair, the destination, and the packet time as CUC seconds since the TAI epoch, taken from
/// the (possibly virtual) clock. TAI runs ahead of UTC by the leap seconds (<see cref="CucTime.TaiMinusUtcSeconds"/>).
/// </summary>
public sealed class TelemetryStamper(TimeProvider timeProvider, PusLayout layout, ushort destinationId = 0)
{
    private readonly SequenceCounter _sequence = new();
    private readonly ConcurrentDictionary<int, int[]> _messageCounters = new();

    public Telemetry Stamp(Telemetry telemetry)
    {
        int[] counter = _messageCounters.GetOrAdd(telemetry.Service << 8 | telemetry.Subtype, static _ => [-1]);
        return telemetry with
        {
            SequenceCount = _sequence.Next(telemetry.Apid),
            MessageTypeCounter = (ushort)Interlocked.Increment(ref counter[0]),
            DestinationId = destinationId,
            Time = layout.HasTime ? Now() : default,
        };
    }

    /// <summary>The clock's present time as a CUC time of the profile's format.</summary>
    public CucTime Now() => CucTime.FromUtc(timeProvider.GetUtcNow(), layout.CoarseOctets, layout.FineOctets);
}
