namespace UsocHil.Protocols.Scpi;

/// <summary>The answer to <c>*IDN?</c> (IEEE 488.2 §10.14): manufacturer, model, serial number, firmware.</summary>
public sealed record ScpiIdentity(string Manufacturer, string Model, string SerialNumber, string Firmware)
{
    public static ScpiIdentity Parse(string response, string endpoint)
    {
        string[] fields = response.Trim().Split(',', StringSplitOptions.TrimEntries);
        return fields.Length == 4
            ? new ScpiIdentity(fields[0], fields[1], fields[2], fields[3])
            : throw new ScpiException(endpoint, $"*IDN? answered '{response}', not four comma-separated fields");
    }

    /// <summary>Whether this identity starts with "MANUFACTURER,MODEL" as a rig's instrument definition names it.</summary>
    public bool Matches(string expected)
    {
        string[] parts = expected.Split(',', StringSplitOptions.TrimEntries);
        return parts.Length >= 1 && Manufacturer.Equals(parts[0], StringComparison.OrdinalIgnoreCase)
            && (parts.Length < 2 || Model.Equals(parts[1], StringComparison.OrdinalIgnoreCase));
    }

    public override string ToString() => $"{Manufacturer},{Model},{SerialNumber},{Firmware}";
}
