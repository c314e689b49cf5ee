using UsocHil.Description;
using UsocHil.Dictionary;

namespace UsocHil.MissionDatabase;

/// <summary>
/// The last word on an import: its layouts must compile as the decoder will compile them. A database whose pieces
/// the importer kept but which do not hold together is refused as a whole, never written half-usable.
/// </summary>
internal static class ImportedDictionary
{
    /// <summary>Bands the rig can check: each [low, high], yellow inside red (or no bands at all).</summary>
    public static bool Nested(LimitDefinition limit) => limit is { Yellow: null, Red: null } || limit is { Yellow: [double yl, double yh], Red: [double rl, double rh] }
        && yl <= yh && rl <= rh && rl <= yl && rh >= yh;

    public static DatabaseImport Checked(DatabaseImport imported, string source)
    {
        try
        {
            _ = new PacketLayouts(imported.Rig.Dictionary);
        }
        catch (ArgumentException e)
        {
            string reason = e.Message.Split(" (Parameter", 2)[0];
            throw new MissionDatabaseException($"{source}:0", $"the imported packet layouts do not hold together: {reason}");
        }

        return imported.Rig.Apid is >= 0 and <= 2047 ? imported : imported with { Rig = imported.Rig with { Apid = 0 } };
    }
}
