using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using UsocHil.Protocols.Pus;

namespace UsocHil.Dictionary;

/// <summary>
/// A byte-aligned layout compiled once into runs of fields that share a wire type and a kind of calibration, so that
/// decoding a packet is one dispatch per run and, inside a run, a loop with neither a type nor a curve switch: the
/// housekeeping fast path. The values land at each field's own index; the arithmetic is
/// <see cref="CalibrationCurve.Apply"/>'s, so the same bits.
/// </summary>
internal sealed class FieldReadPlan
{
    private readonly Run[] _runs;
    private readonly Step[] _steps;
    private readonly CalibrationCurve[] _curves;

    /// <param name="types">Wire type of field i.</param>
    /// <param name="offsets">Octet offset of field i from the reference given to the reads.</param>
    /// <param name="curves">Calibration of field i.</param>
    public FieldReadPlan(IReadOnlyList<WireType> types, IReadOnlyList<int> offsets, CalibrationCurve[] curves)
    {
        _curves = curves;
        var fields = Enumerable.Range(0, types.Count)
            .Select(i => (Index: i, Type: types[i], Kind: KindOf(curves[i])))
            .OrderBy(f => f.Type).ThenBy(f => f.Kind).ThenBy(f => offsets[f.Index])
            .ToList();
        _steps = [.. fields.Select(f => new Step(offsets[f.Index], f.Index, curves[f.Index].Slope, curves[f.Index].Intercept))];
        var runs = new List<Run>();
        for (int start = 0; start < fields.Count;)
        {
            int end = start;
            while (end < fields.Count && fields[end].Type == fields[start].Type && fields[end].Kind == fields[start].Kind)
            {
                end++;
            }

            runs.Add(new Run(fields[start].Type, fields[start].Kind, start, end - start));
            start = end;
        }

        _runs = [.. runs];
        Count = types.Count;
    }

    private enum CurveKind : byte
    {
        Identity,
        Linear,
        Other,
    }

    /// <summary>Fields, and so values written.</summary>
    public int Count { get; }

    /// <summary>
    /// Reads every field at <paramref name="first"/> + its offset into <paramref name="values"/>; the caller has checked
    /// that the fields lie inside the data and that <paramref name="values"/> has room for <see cref="Count"/>.
    /// </summary>
    public void Read(ref byte first, Span<double> values, bool calibrate)
    {
        ref double value = ref MemoryMarshal.GetReference(values);
        foreach (Run run in _runs)
        {
            CurveKind kind = calibrate ? run.Kind : CurveKind.Identity;
            switch (run.Type)
            {
                case WireType.UInt8: ReadRun<UInt8Read>(run, kind, ref first, ref value); break;
                case WireType.Int8: ReadRun<Int8Read>(run, kind, ref first, ref value); break;
                case WireType.UInt16: ReadRun<UInt16Read>(run, kind, ref first, ref value); break;
                case WireType.Int16: ReadRun<Int16Read>(run, kind, ref first, ref value); break;
                case WireType.UInt32: ReadRun<UInt32Read>(run, kind, ref first, ref value); break;
                case WireType.Int32: ReadRun<Int32Read>(run, kind, ref first, ref value); break;
                case WireType.Float32: ReadRun<Float32Read>(run, kind, ref first, ref value); break;
                default: ReadRun<Float64Read>(run, kind, ref first, ref value); break;
            }
        }
    }

    private void ReadRun<TWire>(Run run, CurveKind kind, ref byte first, ref double value)
        where TWire : struct, IWireRead
    {
        ReadOnlySpan<Step> steps = _steps.AsSpan(run.Start, run.Count);
        switch (kind)
        {
            case CurveKind.Identity:
                foreach (ref readonly Step step in steps)
                {
                    Unsafe.Add(ref value, step.Index) = TWire.Read(ref Unsafe.Add(ref first, step.Offset));
                }

                break;
            case CurveKind.Linear:
                foreach (ref readonly Step step in steps)
                {
                    // Horner's first step kept as CalibrationCurve does: 0 × raw is NaN for an infinite raw value.
                    double raw = TWire.Read(ref Unsafe.Add(ref first, step.Offset));
                    Unsafe.Add(ref value, step.Index) = ((0.0 * raw) + step.Slope) * raw + step.Intercept;
                }

                break;
            default:
                foreach (ref readonly Step step in steps)
                {
                    Unsafe.Add(ref value, step.Index) = _curves[step.Index].Apply(TWire.Read(ref Unsafe.Add(ref first, step.Offset)));
                }

                break;
        }
    }

    private static CurveKind KindOf(CalibrationCurve curve) =>
        curve.IsIdentity ? CurveKind.Identity : curve.IsLinear ? CurveKind.Linear : CurveKind.Other;

    private readonly record struct Run(WireType Type, CurveKind Kind, int Start, int Count);

    private readonly record struct Step(int Offset, int Index, double Slope, double Intercept);

    /// <summary>One wire type's big-endian read, a type argument so that each run's loop is compiled for its type.</summary>
    private interface IWireRead
    {
        static abstract double Read(ref byte at);
    }

    private readonly struct UInt8Read : IWireRead
    {
        public static double Read(ref byte at) => at;
    }

    private readonly struct Int8Read : IWireRead
    {
        public static double Read(ref byte at) => (sbyte)at;
    }

    private readonly struct UInt16Read : IWireRead
    {
        public static double Read(ref byte at) => BinaryPrimitives.ReadUInt16BigEndian(MemoryMarshal.CreateReadOnlySpan(ref at, 2));
    }

    private readonly struct Int16Read : IWireRead
    {
        public static double Read(ref byte at) => BinaryPrimitives.ReadInt16BigEndian(MemoryMarshal.CreateReadOnlySpan(ref at, 2));
    }

    private readonly struct UInt32Read : IWireRead
    {
        public static double Read(ref byte at) => BinaryPrimitives.ReadUInt32BigEndian(MemoryMarshal.CreateReadOnlySpan(ref at, 4));
    }

    private readonly struct Int32Read : IWireRead
    {
        public static double Read(ref byte at) => BinaryPrimitives.ReadInt32BigEndian(MemoryMarshal.CreateReadOnlySpan(ref at, 4));
    }

    private readonly struct Float32Read : IWireRead
    {
        public static double Read(ref byte at) => BinaryPrimitives.ReadSingleBigEndian(MemoryMarshal.CreateReadOnlySpan(ref at, 4));
    }

    private readonly struct Float64Read : IWireRead
    {
        public static double Read(ref byte at) => BinaryPrimitives.ReadDoubleBigEndian(MemoryMarshal.CreateReadOnlySpan(ref at, 8));
    }
}
