using UsocHil.Configuration;
using UsocHil.Description;

namespace UsocHil.Records;

/// <summary>
/// Checks a rig's reference instruments against the station's register before a run: each must be registered (an
/// emulated rig's reference is exempt: the emulator states its own) and not past its due date on the wall-clock day.
/// </summary>
public static class ReferenceRegister
{
    /// <summary>One line per reference instrument that may not be relied on; empty when every one may.</summary>
    public static IReadOnlyList<string> Problems(StationConfig station, LoadedRig rig, DateOnly today)
    {
        var problems = new List<string>();
        foreach (InstrumentDefinition instrument in rig.Definition.Instruments.Where(i => i.Reference is not null))
        {
            RegisteredInstrument? entry = Find(station, rig.Name, instrument.Name);
            if (entry is null)
            {
                if (!rig.Binding.Emulated)
                {
                    problems.Add($"reference instrument {instrument.Name} of {rig.Name} is not in the station's instrument register");
                }

                continue;
            }

            if (entry.Due < today)
            {
                problems.Add($"reference instrument {instrument.Name} of {rig.Name} (serial {entry.Serial}, certificate {entry.Certificate}) was due for calibration on {entry.Due:yyyy-MM-dd}");
            }
        }

        return problems;
    }

    /// <summary>The rig's references as the record names them: "dmm serial S, certificate C, due D" (or "not registered").</summary>
    public static string Describe(StationConfig station, LoadedRig rig) =>
        string.Join("; ", rig.Definition.Instruments.Where(i => i.Reference is not null).Select(i => Find(station, rig.Name, i.Name) is { } e
            ? $"{i.Name} serial {e.Serial}, certificate {e.Certificate}, calibrated {e.Calibrated:yyyy-MM-dd}, due {e.Due:yyyy-MM-dd}"
            : $"{i.Name} not registered{(rig.Binding.Emulated ? " (emulated)" : "")}"));

    public static RegisteredInstrument? Find(StationConfig station, string rig, string instrument) =>
        station.Register.LastOrDefault(r => r.Rig == rig && r.Instrument == instrument);
}
