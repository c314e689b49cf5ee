using UsocHil.Description;

namespace UsocHil.FirmwareSim.Furnace;

/// <summary>An event the controller raised, with the rig time it happened and an optional value (a temperature, a sensor index).</summary>
public sealed record FurnaceEvent(TimeSpan RigTime, EventDefinition Definition, double? Value = null);

/// <summary>One housekeeping report: the structure's parameters in order, with their engineering values.</summary>
public sealed record HousekeepingSample(TimeSpan RigTime, HousekeepingStructureDefinition Structure, IReadOnlyList<ParameterReading> Values);

/// <summary>A parameter with its engineering value.</summary>
public readonly record struct ParameterReading(ParameterDefinition Definition, double Value);

/// <summary>Where the controller's spontaneous telemetry goes: events and housekeeping, called under the bench's lock.</summary>
public interface IFurnaceTelemetrySink
{
    void Event(FurnaceEvent furnaceEvent);

    void Housekeeping(HousekeepingSample report);
}
