namespace UsocHil.FirmwareSim.Furnace;

/// <summary>What an EEPROM file holds: whose unit it is and the values its store commands saved.</summary>
internal sealed record EepromImage(int SerialNumber, IDictionary<string, double> Parameters);
