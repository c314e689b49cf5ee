using UsocHil.Description;

namespace UsocHil.Dictionary;

/// <summary>One packet read by its layout: the layout it ended in and every field on the way, in packet order.</summary>
public sealed record DecodedPacket(string Layout, IReadOnlyList<DecodedField> Fields);

/// <summary>
/// One field of a decoded packet: the parameter, its wire type and its raw and engineering values. A field of a
/// repeated group has every repetition's value in <see cref="Repetitions"/> (<see cref="Value"/> is the first's, NaN when none).
/// </summary>
public readonly record struct DecodedField(ParameterDefinition Parameter, FieldType Type, EngineeringValue Value, IReadOnlyList<EngineeringValue>? Repetitions = null);
