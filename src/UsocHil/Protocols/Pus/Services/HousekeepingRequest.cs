namespace UsocHil.Protocols.Pus.Services;

/// <summary>
/// ST[3] requests on one housekeeping structure: TC[3,5] enable and TC[3,6] disable periodic generation (structure ID,
/// 1 octet), TC[3,31] modify the collection interval (structure ID, then the interval in ms, 4 octets), as the rig
/// dictionary declares their arguments.
/// </summary>
public sealed record HousekeepingRequest(byte Subtype, byte StructureId, uint IntervalMs = 0)
{
    public const byte Service = 3;
    public const byte EnablePeriodic = 5;
    public const byte DisablePeriodic = 6;
    public const byte ModifyInterval = 31;

    public static HousekeepingRequest Enable(byte structureId) => new(EnablePeriodic, structureId);

    public static HousekeepingRequest Disable(byte structureId) => new(DisablePeriodic, structureId);

    public static HousekeepingRequest SetInterval(byte structureId, uint intervalMs) => new(ModifyInterval, structureId, intervalMs);

    public Telecommand ToTelecommand(ushort apid, AckFlags ack = AckFlags.Acceptance | AckFlags.Completion)
    {
        var writer = new AppDataWriter().UInt8(StructureId);
        if (Subtype == ModifyInterval)
        {
            writer.UInt32(IntervalMs);
        }

        return ServiceCheck.Telecommand(apid, Service, Subtype, writer.ToArray(), ack);
    }

    public static HousekeepingRequest From(Telecommand telecommand)
    {
        ServiceCheck.Expect(telecommand, Service, EnablePeriodic, DisablePeriodic, ModifyInterval);
        var reader = new AppDataReader(telecommand.ApplicationData.Span);
        byte structure = reader.ReadUInt8("structure_id");
        uint interval = telecommand.Subtype == ModifyInterval ? reader.ReadUInt32("interval_ms") : 0;
        reader.ExpectEnd("the housekeeping request");
        return new HousekeepingRequest(telecommand.Subtype, structure, interval);
    }
}
