namespace UsocHil.Protocols.Pus.Services;

/// <summary>TC[20,1], report parameter values: N (1 octet), then N parameter IDs (2 octets each). Answered by TM[20,2].</summary>
public sealed record ParameterReportRequest(IReadOnlyList<ushort> ParameterIds)
{
    public const byte Service = 20;
    public const byte Subtype = 1;

    public Telecommand ToTelecommand(ushort apid, AckFlags ack = AckFlags.Acceptance | AckFlags.Completion)
    {
        if (ParameterIds.Count > ParameterValueList.MaxCount)
        {
            throw new InvalidOperationException($"{ParameterIds.Count} parameters, at most {ParameterValueList.MaxCount} fit one request");
        }

        var writer = new AppDataWriter().UInt8((byte)ParameterIds.Count);
        foreach (ushort id in ParameterIds)
        {
            writer.UInt16(id);
        }

        return ServiceCheck.Telecommand(apid, Service, Subtype, writer.ToArray(), ack);
    }

    public static ParameterReportRequest From(Telecommand telecommand)
    {
        ServiceCheck.Expect(telecommand, Service, Subtype);
        var reader = new AppDataReader(telecommand.ApplicationData.Span);
        var ids = new ushort[reader.ReadUInt8("count")];
        for (int i = 0; i < ids.Length; i++)
        {
            ids[i] = reader.ReadUInt16("parameter_id");
        }

        reader.ExpectEnd("the parameter ID list");
        return new ParameterReportRequest(ids);
    }

    public bool Equals(ParameterReportRequest? other) => other is not null && ParameterIds.SequenceEqual(other.ParameterIds);

    public override int GetHashCode() => ParameterIds.Count;
}
