namespace UsocHil.FirmwareSim.Plant;

/// <summary>The functions a model formula may call.</summary>
internal static class SignalFunctions
{
    public static Func<double[], double>? Bind(string name, List<Func<double[], double>> a) => (name, a.Count) switch
    {
        ("min", 2) => v => Math.Min(a[0](v), a[1](v)),
        ("max", 2) => v => Math.Max(a[0](v), a[1](v)),
        ("abs", 1) => v => Math.Abs(a[0](v)),
        ("sqrt", 1) => v => Math.Sqrt(a[0](v)),
        ("sign", 1) => v => Math.Sign(a[0](v)),
        ("exp", 1) => v => Math.Exp(a[0](v)),
        ("pow", 2) => v => Math.Pow(a[0](v), a[1](v)),
        ("clamp", 3) => v => Math.Clamp(a[0](v), a[1](v), Math.Max(a[1](v), a[2](v))),
        _ => null,
    };
}
