using System.Globalization;
using System.Text;

namespace UsocHil.Sealing;

/// <summary>
/// What a station signs when it seals a run: its place in the archive's seal order, the run and the run's record hash
/// (which already covers the run's outcome, rig and link to the previous run). The text is fixed so that anyone with
/// the public key can check a seal without this harness.
/// </summary>
public readonly record struct SealStatement(long Sequence, long RunId, string RecordHash)
{
    public byte[] ToBytes() => Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture,
        $"usoc-hil seal v1\nseal {Sequence}\nrun {RunId}\nhash {RecordHash}\n"));
}
