using UsocHil.Links;

namespace UsocHil.Framing;

/// <summary>A byte stream that cannot be cut into packets any more (on TCP, an impossible length field): the link is unusable.</summary>
public sealed class FramingException(string endpoint, string message)
    : LinkException(endpoint, message);
