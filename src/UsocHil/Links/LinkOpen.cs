using Serilog;
using UsocHil.Description;

namespace UsocHil.Links;

/// <summary>What a link kind is given to open one of a rig's links as a station binds it.</summary>
/// <param name="Definition">The rig's link (its name, line settings).</param>
/// <param name="Binding">The station's endpoint for it: the kind's own block (serial, tcp, udp) or, for a kind an extension adds, <c>kind</c> and <c>address</c>.</param>
/// <param name="Reconnect">The backoff a reconnecting link uses.</param>
public sealed record LinkOpen(LinkDefinition Definition, EndpointBinding Binding, TimeProvider Time, ILogger Log, ReconnectOptions Reconnect);
