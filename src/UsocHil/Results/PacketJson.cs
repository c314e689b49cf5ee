using System.Text.Json;

namespace UsocHil.Results;

/// <summary>
/// A run's packets in its canonical JSON (and so in its record hash): [received µs, on-board µs or null, "in"/"out",
/// APID, sequence count, error control good, octets in hex]. A run without packets writes nothing, so records sealed
/// before the raw packet archive existed keep the hash they were sealed with.
/// </summary>
internal static class PacketJson
{
    /// <summary>Writes the packets as they are read from <paramref name="packets"/>, which may stream from the archive.</summary>
    public static void Write(Utf8JsonWriter w, IEnumerable<PacketRow> packets)
    {
        using IEnumerator<PacketRow> each = packets.GetEnumerator();
        if (!each.MoveNext())
        {
            return;
        }

        w.WriteStartArray("packets");
        do
        {
            PacketRow p = each.Current;
            w.WriteStartArray();
            w.WriteNumberValue(ArchiveTime.ToMicroseconds(p.Received));
            if (p.Onboard is { } onboard)
            {
                w.WriteNumberValue(ArchiveTime.ToMicroseconds(onboard));
            }
            else
            {
                w.WriteNullValue();
            }

            w.WriteStringValue(p.DirectionText);
            w.WriteNumberValue(p.Apid);
            w.WriteNumberValue(p.SequenceCount);
            w.WriteBooleanValue(p.ErrorControlGood);
            w.WriteStringValue(Convert.ToHexStringLower(p.Octets));
            w.WriteEndArray();
            if (w.BytesPending > 64 * 1024)
            {
                w.Flush();
            }
        }
        while (each.MoveNext());

        w.WriteEndArray();
    }
}
