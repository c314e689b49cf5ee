using System.Text.Json;

namespace UsocHil.Sealing;

/// <summary>One line of an anchor: the chain head after one seal (its sequence number, run, rig, record hash and signature).</summary>
public sealed record AnchorEntry(long Sequence, long RunId, string Rig, string RecordHash, string Signature)
{
    public SealStatement Statement => new(Sequence, RunId, RecordHash);

    /// <summary>The short form printed at the end of a run.</summary>
    public string Describe() => $"seq {Sequence} hash {RecordHash[..Math.Min(12, RecordHash.Length)]}… signed";

    public string ToLine() => JsonSerializer.Serialize(new Line(Sequence, RunId, Rig, RecordHash, Signature), AnchorJson.Lines.Line);

    /// <summary>The entry on <paramref name="line"/>, or null when the line is not one.</summary>
    public static AnchorEntry? Parse(string line)
    {
        try
        {
            Line? l = JsonSerializer.Deserialize(line, AnchorJson.Lines.Line);
            return l is { Seal: > 0, Run: > 0, Rig: not null, Hash: { Length: 64 }, Signature: not null }
                ? new AnchorEntry(l.Seal, l.Run, l.Rig, l.Hash, l.Signature)
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    internal sealed record Line(long Seal, long Run, string? Rig, string? Hash, string? Signature);
}
