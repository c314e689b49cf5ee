using System.Globalization;

namespace UsocHil.Central;

/// <summary>A booking refused because the rig is booked by someone else for part of the time (the database said so).</summary>
public sealed class ReservationRefusedException(string rig, Reservation? holder)
    : Exception(holder is null
        ? $"{rig} is already booked for part of that time"
        : $"{rig} is already booked by {holder.Operator} (station {holder.Station}) from {Format(holder.From)} to {Format(holder.Until)}")
{
    public Reservation? Holder { get; } = holder;

    private static string Format(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);
}
