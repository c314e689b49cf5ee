namespace UsocHil.Dictionary;

/// <summary>
/// A repeated group of a layout: its fields (offsets from the start of one repetition) read as many times as the
/// decoded field at <see cref="CountIndex"/> says. It stands before the layout's own field <see cref="Position"/>
/// (its count when it is last), and the fields after it move by what its repetitions took.
/// </summary>
internal sealed record LayoutGroup(string Name, long BitOffset, int Position, int CountIndex, LayoutField[] Members, long Bits)
{
    public CalibrationCurve[] Curves { get; } = [.. Members.Select(m => new CalibrationCurve(m.Parameter))];
}
