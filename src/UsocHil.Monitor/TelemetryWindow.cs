namespace UsocHil.Monitor;

/// <summary>The most recent samples of each parameter, a fixed number per parameter, for pages that join late.</summary>
internal sealed class TelemetryWindow(int pointsPerParameter)
{
    private readonly Dictionary<string, Ring> _rings = new(StringComparer.Ordinal);

    public int MaxParameters { get; init; } = 256;

    public void Add(string parameter, double t, double? value)
    {
        if (!_rings.TryGetValue(parameter, out Ring? ring))
        {
            if (_rings.Count >= MaxParameters)
            {
                return;
            }

            ring = new Ring(pointsPerParameter);
            _rings[parameter] = ring;
        }

        ring.Add(t, value);
    }

    public Dictionary<string, TraceDto> ToDto()
    {
        var traces = new Dictionary<string, TraceDto>(StringComparer.Ordinal);
        foreach ((string parameter, Ring ring) in _rings)
        {
            traces[parameter] = ring.ToDto();
        }

        return traces;
    }

    private sealed class Ring(int capacity)
    {
        private readonly double[] _t = new double[capacity];
        private readonly double?[] _v = new double?[capacity];
        private int _next;
        private int _count;

        public void Add(double t, double? value)
        {
            _t[_next] = t;
            _v[_next] = value;
            _next = (_next + 1) % _t.Length;
            _count = Math.Min(_count + 1, _t.Length);
        }

        public TraceDto ToDto()
        {
            var t = new List<double>(_count);
            var v = new List<double?>(_count);
            int start = (_next - _count + _t.Length) % _t.Length;
            for (int i = 0; i < _count; i++)
            {
                int k = (start + i) % _t.Length;
                t.Add(_t[k]);
                v.Add(_v[k]);
            }

            return new TraceDto(t, v);
        }
    }
}
