namespace UsocHil.Protocols.Pus.Json;

/// <summary>What packet JSON is read and written with: the mission profile's codec and, for a rig, its vocabulary.</summary>
/// <param name="Source">Named in the JSON's "profile": "default", a profile file's name or "rig NAME".</param>
public sealed record PacketProfile(PusCodec Codec, IPacketVocabulary? Dictionary, string Source)
{
    public static PacketProfile Default { get; } = new(PusCodec.UsocHilDefault, null, "default");
}
