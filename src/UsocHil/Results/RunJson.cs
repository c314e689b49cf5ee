using System.Text.Json;
using UsocHil.Expectations;

namespace UsocHil.Results;

/// <summary>
/// The canonical JSON form of a run record: fixed property order, times as archived, numbers in shortest round-trip
/// form, non-finite numbers as null. The integrity hash is SHA-256 over its compact form without the record hash; the
/// JSON export is the same form, indented, with the hash.
/// </summary>
internal static class RunJson
{
    private const int FlushBytes = 64 * 1024;

    /// <summary>
    /// Writes the record; <paramref name="telemetry"/>, when given, replaces <see cref="RunRecord.Telemetry"/> so a long
    /// run's samples can stream from the archive instead of being held in memory; <paramref name="packets"/>,
    /// <paramref name="transitions"/> and <paramref name="steps"/> likewise.
    /// </summary>
    public static void Write(Utf8JsonWriter w, RunRecord run, bool includeRecordHash, IEnumerable<TelemetryRow>? telemetry = null, IEnumerable<PacketRow>? packets = null,
        IEnumerable<TransitionRow>? transitions = null, IEnumerable<StepRow>? steps = null)
    {
        RunSummary s = run.Summary;
        w.WriteStartObject();
        w.WriteNumber("id", s.RecordedId ?? s.Id);
        w.WriteString("rig", s.Header.Rig);
        w.WriteString("unitSerial", s.Header.UnitSerial);
        w.WriteString("sequence", s.Header.Sequence);
        w.WriteString("sequenceSha256", s.Header.SequenceSha256);
        w.WriteString("stationSha256", s.Header.StationSha256);
        w.WriteString("softwareVersion", s.Header.SoftwareVersion);
        w.WriteString("operator", s.Header.Operator);
        WriteScope(w, s.Header);
        w.WriteString("startedRig", ArchiveTime.ToText(s.StartedRig));
        w.WriteString("startedWall", ArchiveTime.ToText(s.StartedWall));
        w.WriteString("endedRig", s.EndedRig is { } er ? ArchiveTime.ToText(er) : null);
        w.WriteString("endedWall", s.EndedWall is { } ew ? ArchiveTime.ToText(ew) : null);
        w.WriteString("outcome", s.Outcome.ToText());
        if (s.SealSequence is { } seq)
        {
            w.WriteNumber("sealSequence", seq);
        }
        else
        {
            w.WriteNull("sealSequence");
        }

        w.WriteString("previousHash", s.PreviousHash);
        if (includeRecordHash)
        {
            w.WriteString("recordHash", s.RecordHash);
        }

        // The rows a run has one or more of per step are written with UTF-8 property names and times formatted in
        // place: a run's seal writes every one of them again, and transcoding the same names for each cost as much as
        // the rest. The bytes are the same as written with strings.
        Array(w, "transitions", transitions ?? run.Transitions, static (w, t) =>
        {
            Time(w, "time"u8, t.Time);
            w.WriteString("from"u8, t.From);
            w.WriteString("to"u8, t.To);
            w.WriteString("trigger"u8, t.Trigger);
        });
        Array(w, "steps", steps ?? run.Steps, static (w, st) =>
        {
            w.WriteNumber("index"u8, st.Index);
            w.WriteString("name"u8, st.Name);
            w.WriteString("kind"u8, st.Kind);
            Time(w, "started"u8, st.Started);
            Time(w, "ended"u8, st.Ended);
            w.WriteString("outcome"u8, st.Outcome);
            w.WriteString("message"u8, st.Message);
        });
        Array(w, "measurements", run.Measurements, WriteMeasurement);
        Array(w, "events", run.Events, static (w, e) =>
        {
            Time(w, "time"u8, e.Time);
            w.WriteNumber("id"u8, e.Id);
            w.WriteString("name"u8, e.Name);
            w.WriteString("severity"u8, e.Severity);
            w.WriteString("data"u8, e.Data);
        });
        Array(w, "commands", run.Commands, (w, c) =>
        {
            w.WriteString("time", ArchiveTime.ToText(c.Time));
            w.WriteString("name", c.Name);
            w.WriteNumber("service", c.Service);
            w.WriteNumber("subtype", c.Subtype);
            Nullable(w, "sequenceCount", c.SequenceCount);
            w.WriteString("accepted", c.Accepted is { } a ? ArchiveTime.ToText(a) : null);
            w.WriteString("completed", c.Completed is { } d ? ArchiveTime.ToText(d) : null);
            Nullable(w, "failureCode", c.FailureCode);
            w.WriteString("failure", c.Failure);
        });
        Array(w, "calibrations", run.Calibrations, (w, p) =>
        {
            w.WriteString("sensor", p.Sensor);
            w.WriteString("model", p.Model);
            Numbers(w, "coefficients", p.Coefficients);
            Numbers(w, "uncertainties", p.Uncertainties);
            Number(w, "residualRms", p.ResidualRms);
            Number(w, "rSquared", p.RSquared);
            w.WriteStartArray("points");
            foreach (CalibrationPoint point in p.Points)
            {
                w.WriteStartArray();
                Number(w, null, point.Raw);
                Number(w, null, point.Reference);
                Number(w, null, point.Residual);
                w.WriteEndArray();
            }

            w.WriteEndArray();
        });

        BudgetJson.Write(w, run.Budgets);
        BudgetJson.WriteVerification(w, run.Requirements);

        // Telemetry as [time µs, parameter, value] triples: compact, and the bulk of a long run.
        w.WriteStartArray("telemetry");
        foreach (TelemetryRow t in telemetry ?? run.Telemetry)
        {
            w.WriteStartArray();
            w.WriteNumberValue(ArchiveTime.ToMicroseconds(t.Time));
            w.WriteStringValue(t.Parameter);
            Number(w, null, t.Value);
            w.WriteEndArray();
            if (w.BytesPending > FlushBytes)
            {
                w.Flush(); // a writer over a stream buffers everything until flushed
            }
        }

        w.WriteEndArray();
        PacketJson.Write(w, packets ?? run.Packets);
        w.WriteEndObject();
    }

    /// <summary>Written only when recorded, so a run sealed before sequences had a status hashes as it was sealed.</summary>
    private static void WriteScope(Utf8JsonWriter w, RunHeader header)
    {
        if (header.SequenceStatus is { } status)
        {
            w.WriteString("sequenceStatus", status);
        }

        if (header.SequenceValidatedOn is { } validatedOn)
        {
            w.WriteStartArray("sequenceValidatedOn");
            foreach (string kind in validatedOn)
            {
                w.WriteStringValue(kind);
            }

            w.WriteEndArray();
        }

        if (header.ItemKind is { } item)
        {
            w.WriteString("itemKind", item);
        }
    }

    private static void WriteMeasurement(Utf8JsonWriter w, MeasurementRow m)
    {
        w.WriteString("time", ArchiveTime.ToText(m.Time));
        Nullable(w, "step", m.StepIndex);
        w.WriteString("name", m.Name);
        Number(w, "value", m.Value);
        w.WriteString("unit", m.Unit);
        if (m.Judged is not { } x)
        {
            w.WriteNull("expectation");
            return;
        }

        w.WriteStartObject("expectation");
        w.WriteString("name", x.Expectation);
        w.WriteStartArray("parameters");
        foreach (string p in x.Parameters)
        {
            w.WriteStringValue(p);
        }

        w.WriteEndArray();
        w.WriteString("verdict", x.Verdict.ToText());
        Number(w, "margin", x.Margin);
        Number(w, "low", x.Low);
        Number(w, "high", x.High);
        Number(w, "hardLow", x.HardLow);
        Number(w, "hardHigh", x.HardHigh);
        w.WriteString("culprit", x.Culprit);
        w.WriteString("message", x.Message);
        Numbers(w, "evidenceSeconds", x.Evidence.Seconds);
        Numbers(w, "evidenceValues", x.Evidence.Values);
        w.WriteEndObject();
    }

    private static void Time(Utf8JsonWriter w, ReadOnlySpan<byte> name, DateTimeOffset? time)
    {
        if (time is { } t)
        {
            Span<byte> text = stackalloc byte[ArchiveTime.TextLength];
            ArchiveTime.WriteUtf8(t, text);
            w.WriteString(name, text);
        }
        else
        {
            w.WriteNull(name);
        }
    }

    private static void Array<T>(Utf8JsonWriter w, string name, IEnumerable<T> items, Action<Utf8JsonWriter, T> write)
    {
        w.WriteStartArray(name);
        foreach (T item in items)
        {
            w.WriteStartObject();
            write(w, item);
            w.WriteEndObject();
            if (w.BytesPending > FlushBytes)
            {
                w.Flush();
            }
        }

        w.WriteEndArray();
    }

    private static void Numbers(Utf8JsonWriter w, string name, IReadOnlyList<double> values)
    {
        w.WriteStartArray(name);
        foreach (double v in values)
        {
            Number(w, null, v);
        }

        w.WriteEndArray();
    }

    private static void Nullable(Utf8JsonWriter w, string name, int? value)
    {
        if (value is { } v)
        {
            w.WriteNumber(name, v);
        }
        else
        {
            w.WriteNull(name);
        }
    }

    private static void Number(Utf8JsonWriter w, string? name, double? value)
    {
        if (name is not null)
        {
            w.WritePropertyName(name);
        }

        if (value is { } v && double.IsFinite(v))
        {
            w.WriteNumberValue(v);
        }
        else
        {
            w.WriteNullValue();
        }
    }
}
