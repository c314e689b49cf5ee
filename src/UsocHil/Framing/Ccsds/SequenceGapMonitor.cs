namespace UsocHil.Framing.Ccsds;

/// <summary>
/// Watches the sequence counts of received packets per APID and counts the packets that went missing between them
/// (modulo 16384), so lost telemetry shows in the record instead of silently thinning a curve.
/// </summary>
public sealed class SequenceGapMonitor
{
    private readonly Lock _gate = new();
    private readonly Dictionary<ushort, ushort> _last = [];
    private long _gaps;
    private long _missing;

    /// <summary>Gaps seen, each one or more consecutive packets missing.</summary>
    public long Gaps
    {
        get
        {
            lock (_gate)
            {
                return _gaps;
            }
        }
    }

    /// <summary>Packets missing, summed over all gaps.</summary>
    public long MissingPackets
    {
        get
        {
            lock (_gate)
            {
                return _missing;
            }
        }
    }

    /// <summary>Records one received packet; returns how many packets of its APID were missing just before it (0 if none).</summary>
    /// <remarks>A repeated count (a resend or a reboot to the same count) is not a gap.</remarks>
    public int Observe(ushort apid, ushort sequenceCount)
    {
        lock (_gate)
        {
            bool known = _last.TryGetValue(apid, out ushort last);
            _last[apid] = sequenceCount;
            if (!known)
            {
                return 0;
            }

            int missing = (sequenceCount - last - 1) & (SpacePacketHeader.SequenceCountModulo - 1);
            if (missing == SpacePacketHeader.SequenceCountModulo - 1)
            {
                return 0;
            }

            if (missing > 0)
            {
                _gaps++;
                _missing += missing;
            }

            return missing;
        }
    }
}
