using Serilog.Core;
using Serilog.Events;

namespace UsocHil.Benchmarks.Figures;

/// <summary>
/// Counts what the harness itself reports as lost or damaged telemetry, from its log: PusClient's refused packets (a
/// bad CRC) and its sequence-count gap warnings. PusClient warns on any count that is not last + 1, so a packet that
/// arrives late (reordered) shows as a gap and then as a jump back; between two warnings the counts were consecutive,
/// so the counts received are rebuilt as runs and only the holes left between them are counted as lost.
/// </summary>
internal sealed class LinkTroubleSink : ILogEventSink
{
    private const int Modulo = 16384;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, List<(int Start, int End)>> _runs = [];
    private long _refused;
    private long _warnings;

    public long Refused => Interlocked.Read(ref _refused);

    /// <summary>Every warning or worse, whatever it says.</summary>
    public long Warnings => Interlocked.Read(ref _warnings);

    public int Reordered { get; private set; }

    public void Emit(LogEvent logEvent)
    {
        string template = logEvent.MessageTemplate.Text;
        // One Information line per refused packet; the operator's rate-limited warning about them is not counted here.
        if (template.Contains("packet refused", StringComparison.Ordinal))
        {
            Interlocked.Increment(ref _refused);
            return;
        }

        if (logEvent.Level < LogEventLevel.Warning)
        {
            return;
        }

        Interlocked.Increment(ref _warnings);
        if (template.Contains("packets missing", StringComparison.Ordinal)
            && Number(logEvent, "Missing") is int missing && Number(logEvent, "Count") is int count)
        {
            // Several rigs share this sink and every one calls its payload link the same: keep them apart by thread-free
            // key, the rendered link name plus the logger's rig property when there is one.
            string key = logEvent.Properties.TryGetValue("Rig", out LogEventPropertyValue? rig) ? rig.ToString() : "payload";
            lock (_gate)
            {
                List<(int Start, int End)> runs = _runs.TryGetValue(key, out var r) ? r : _runs[key] = [(-1, -1)];
                int previous = ((count - missing - 1) % Modulo + Modulo) % Modulo;
                runs[^1] = (runs[^1].Start, previous);
                runs.Add((count, -1));
                if (missing >= Modulo / 2)
                {
                    Reordered++;
                }
            }
        }
    }

    /// <summary>Counts never received: holes between the runs of consecutive counts (no wrap within one trial).</summary>
    public int Lost()
    {
        lock (_gate)
        {
            int lost = 0;
            foreach (List<(int Start, int End)> runs in _runs.Values)
            {
                var received = new HashSet<int>();
                int low = int.MaxValue;
                int high = int.MinValue;
                foreach ((int start, int end) in runs)
                {
                    int from = start < 0 ? end : start;
                    int to = end < 0 ? start : end;
                    for (int c = from; c <= to; c++)
                    {
                        received.Add(c);
                    }

                    low = Math.Min(low, from);
                    high = Math.Max(high, to);
                }

                for (int c = low; c <= high; c++)
                {
                    lost += received.Contains(c) ? 0 : 1;
                }
            }

            return lost;
        }
    }

    private static int? Number(LogEvent logEvent, string name) =>
        logEvent.Properties.TryGetValue(name, out LogEventPropertyValue? value) && value is ScalarValue { Value: IConvertible number }
            ? Convert.ToInt32(number, System.Globalization.CultureInfo.InvariantCulture)
            : null;
}
