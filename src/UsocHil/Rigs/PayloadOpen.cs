using Serilog;
using UsocHil.Description;
using UsocHil.Links;

namespace UsocHil.Rigs;

/// <summary>What a payload protocol is given to speak over a payload link the harness has opened.</summary>
/// <param name="Rig">The rig: its dictionary names the commands, arguments and parameters the session uses.</param>
/// <param name="Definition">The rig's payload link (its <c>protocol</c> chose this protocol).</param>
/// <param name="Binding">How the station binds that link (serial, tcp, udp): a protocol may frame differently on each.</param>
/// <param name="Link">The open byte link; the channel owns it from here on and disposes it.</param>
/// <param name="Timing">How long to wait for a command's acceptance and completion, already widened for the wire and the clock.</param>
/// <param name="AnswerFloor">The least wall time any answer is given, however fast rig time runs.</param>
public sealed record PayloadOpen(
    RigDefinition Rig,
    LinkDefinition Definition,
    EndpointBinding Binding,
    ILink Link,
    TimeProvider Time,
    ILogger Log,
    CommandVerificationTiming Timing,
    TimeSpan AnswerFloor);
