using System.Text.Json.Serialization;

namespace UsocHil.FirmwareSim.Furnace;

/// <summary>
/// The EEPROM file's format, generated at build time: a reader built by reflection at every boot was a tenth of an
/// accelerated run's start (figure 6 of docs/PERFORMANCE.md).
/// </summary>
[JsonSerializable(typeof(EepromImage))]
internal sealed partial class EepromJson : JsonSerializerContext;
