using Serilog;
using UsocHil.Description;

namespace UsocHil.Emulation;

/// <summary>What an emulator is started with: the rig it stands in for and the unit, clock and faults of this run.</summary>
/// <param name="RigName">The rig's name in the station.</param>
/// <param name="Seed">The emulated unit's seed (its serial number): one seed is one unit, with its own sensor errors.</param>
/// <param name="Faults">Fault specifications (<c>corrupt=0.01</c>), as the emulator's own fault plan reads them.</param>
/// <param name="TimeScale">Rig time per wall-clock second; <paramref name="Time"/> already runs at it.</param>
/// <param name="TruthFile">Where the emulator writes its hidden truth (JSON lines), or null.</param>
/// <param name="StateFile">The unit's non-volatile memory kept across runs (what it stored), or null for none.</param>
/// <param name="PayloadTransport">The payload endpoint the binding names: <c>serial</c> or <c>tcp</c>.</param>
/// <param name="InstrumentTransport">The instrument endpoints the binding names: <c>serial</c> or <c>tcp</c>.</param>
/// <param name="RigDirectory">The folder of the rig's rig.json, where an emulator finds the rig's other files (its model.json).</param>
public sealed record EmulatorStart(
    RigDefinition Rig,
    string RigName,
    int Seed,
    IReadOnlyList<string> Faults,
    TimeProvider Time,
    double TimeScale,
    ILogger Log,
    string? TruthFile = null,
    string? StateFile = null,
    string PayloadTransport = "serial",
    string InstrumentTransport = "tcp",
    string? RigDirectory = null);
