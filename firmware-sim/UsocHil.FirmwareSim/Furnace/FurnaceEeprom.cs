using System.Text.Json;

namespace UsocHil.FirmwareSim.Furnace;

/// <summary>
/// The controller's EEPROM: the values a store command saved (calibration coefficients, PID gains), loaded at every
/// boot in place of the firmware defaults. Kept in a JSON file when given a path, so the same unit (same serial
/// number) remembers its calibration from one emulator run to the next, as the hardware would; in memory otherwise.
/// </summary>
public sealed class FurnaceEeprom
{
    private readonly Dictionary<string, double> _stored = new(StringComparer.Ordinal);
    private readonly string? _path;
    private readonly int _serialNumber;

    public FurnaceEeprom(int serialNumber, string? path = null)
    {
        _serialNumber = serialNumber;
        _path = path;
        if (path is not null && File.Exists(path))
        {
            Load(path);
        }
    }

    public IReadOnlyDictionary<string, double> Stored => _stored;

    public void Store(IEnumerable<KeyValuePair<string, double>> values)
    {
        foreach ((string name, double value) in values)
        {
            _stored[name] = value;
        }

        if (_path is not null)
        {
            Save(_path);
        }
    }

    private void Load(string path)
    {
        EepromImage? image;
        try
        {
            image = JsonSerializer.Deserialize(File.ReadAllText(path), EepromJson.Default.EepromImage);
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"{path}: not an EEPROM image: {ex.Message}", ex);
        }

        if (image?.SerialNumber != _serialNumber)
        {
            throw new InvalidDataException($"{path}: EEPROM image of unit {image?.SerialNumber}, not of unit {_serialNumber}");
        }

        foreach ((string name, double value) in image.Parameters)
        {
            _stored[name] = value;
        }
    }

    // Written beside and renamed over, so a crash mid-write leaves the previous image.
    private void Save(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        string temporary = path + ".tmp";
        File.WriteAllText(temporary, JsonSerializer.Serialize(new EepromImage(_serialNumber, new SortedDictionary<string, double>(_stored, StringComparer.Ordinal)), EepromJson.Default.EepromImage));
        File.Move(temporary, path, overwrite: true);
    }
}
