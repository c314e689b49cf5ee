using System.Globalization;
using System.Text;
using System.Xml;
using UsocHil.Expectations;
using UsocHil.Results;

namespace UsocHil.Reporting;

/// <summary>
/// A run as JUnit XML (the Ant schema Jenkins and GitLab read): one test suite per run, one test case per expectation
/// evaluated, a failure element carrying the margin, bounds and evidence for each failed verdict. The Ant schema gives a
/// test case no room of its own for more, so the suite's system-out holds every judged result whole (parameters,
/// nominal and hard bounds, margin, unit, evidence), one block per test case in the same order.
/// </summary>
public static class JUnitExport
{
    public static void Write(RunRecord run, Stream output)
    {
        RunSummary s = run.Summary;
        var verdicts = run.Verdicts.ToList();
        string suite = $"{s.Header.Rig}.{s.Header.Sequence}";
        var settings = new XmlWriterSettings { Indent = true, Encoding = new UTF8Encoding(false) };
        using var w = XmlWriter.Create(output, settings);
        w.WriteStartDocument();
        w.WriteStartElement("testsuite");
        w.WriteAttributeString("name", Safe(suite));
        w.WriteAttributeString("timestamp", s.StartedWall.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture));
        w.WriteAttributeString("hostname", Safe(Environment.MachineName));
        w.WriteAttributeString("tests", Number(verdicts.Count));
        w.WriteAttributeString("failures", Number(verdicts.Count(v => v.Judged!.Verdict.IsFailing())));
        w.WriteAttributeString("errors", "0");
        w.WriteAttributeString("skipped", "0");
        w.WriteAttributeString("time", Seconds(((s.EndedRig ?? s.StartedRig) - s.StartedRig).TotalSeconds));

        w.WriteStartElement("properties");
        Property(w, "run", Number(s.Id));
        Property(w, "rig", s.Header.Rig);
        Property(w, "unitSerial", s.Header.UnitSerial);
        Property(w, "sequence", s.Header.Sequence);
        Property(w, "sequenceSha256", s.Header.SequenceSha256);
        Property(w, "stationSha256", s.Header.StationSha256);
        Property(w, "softwareVersion", s.Header.SoftwareVersion);
        Property(w, "operator", s.Header.Operator);
        Property(w, "outcome", s.Outcome.ToString().ToLowerInvariant());
        VerificationScope scope = VerificationScope.Of(s.Header);
        if (scope.ItemKind is not null)
        {
            Property(w, "itemKind", scope.ItemKind);
            Property(w, "sequenceStatus", scope.SequenceStatus);
            Property(w, "sequenceValidatedOn", scope.ValidatedOn is { } on ? string.Join(", ", on) : null);
            Property(w, "scope", scope.Summary);
        }

        Property(w, "recordHash", s.RecordHash);
        int deviation = 0;
        foreach (EventRow e in RunDeviations.Of(run))
        {
            Property(w, $"deviation.{++deviation}", e.Data);
        }

        Property(w, "deviations", Number(deviation));
        foreach (IGrouping<string, RequirementRow> requirement in run.Requirements.GroupBy(q => q.Requirement, StringComparer.Ordinal))
        {
            Property(w, $"requirement.{requirement.Key}", string.Join("; ", requirement.Select(q => $"{q.Measurement}: {q.Verdict}")));
        }

        w.WriteEndElement();

        var names = new Dictionary<string, int>(StringComparer.Ordinal);
        // What the run verifies leads the output a CI page shows, before the judged results.
        var judged = new StringBuilder();
        foreach (string line in scope.Lines)
        {
            judged.Append(line).Append('\n');
        }

        if (scope.Lines.Count > 0)
        {
            judged.Append('\n');
        }

        foreach (MeasurementRow m in verdicts)
        {
            JudgedResult x = m.Judged!;
            string name = x.Expectation;
            int seen = names[name] = names.GetValueOrDefault(name) + 1;
            if (seen > 1)
            {
                name += $" #{seen}";
            }

            string step = m.StepIndex is { } i && run.Steps.FirstOrDefault(st => st.Index == i) is { } st ? $".{st.Index:D2} {st.Name}" : "";
            w.WriteStartElement("testcase");
            w.WriteAttributeString("name", Safe(name));
            w.WriteAttributeString("classname", Safe(suite + step));
            w.WriteAttributeString("time", "0");
            judged.Append(x.Verdict.ToText().ToUpperInvariant()).Append(' ').Append(name).Append(": measured ").Append(Describe(x)).Append('\n').Append(Detail(x)).Append('\n');
            if (x.Verdict.IsFailing())
            {
                w.WriteStartElement("failure");
                w.WriteAttributeString("message", Safe($"{x.Expectation}: measured {Describe(x)}"));
                w.WriteAttributeString("type", "ExpectationFailed");
                w.WriteString(Safe(Detail(x)));
                w.WriteEndElement();
            }
            w.WriteEndElement();
        }

        w.WriteElementString("system-out", Safe(judged.ToString()));
        w.WriteElementString("system-err", "");
        w.WriteEndElement();
        w.WriteEndDocument();
    }

    private static string Describe(JudgedResult x) =>
        $"{Value(x.Measured)} {x.Unit}, margin {Value(x.Margin)} {x.Unit}, nominal [{Value(x.Low)}, {Value(x.High)}], hard [{Value(x.HardLow ?? x.Low)}, {Value(x.HardHigh ?? x.High)}]";

    private static string Detail(JudgedResult x)
    {
        var sb = new StringBuilder();
        sb.Append(x.Message).Append('\n');
        sb.Append("parameters: ").Append(string.Join(", ", x.Parameters)).Append('\n');
        if (x.Culprit is not null)
        {
            sb.Append("culprit: ").Append(x.Culprit).Append('\n');
        }

        sb.Append("unit: ").Append(x.Unit ?? "-").Append('\n');
        sb.Append("nominal: [").Append(Value(x.Low)).Append(", ").Append(Value(x.High)).Append("]\n");
        sb.Append("hard: [").Append(Value(x.HardLow ?? x.Low)).Append(", ").Append(Value(x.HardHigh ?? x.High)).Append("]\n");
        sb.Append("margin: ").Append(Value(x.Margin)).Append(' ').Append(x.Unit).Append('\n');
        sb.Append("evidence (seconds, value):\n");
        for (int i = 0; i < x.Evidence.Count; i++)
        {
            sb.Append(Value(x.Evidence.Seconds[i])).Append(", ").Append(Value(x.Evidence.Values[i])).Append('\n');
        }

        return sb.ToString();
    }

    private static void Property(XmlWriter w, string name, string? value)
    {
        w.WriteStartElement("property");
        w.WriteAttributeString("name", name);
        w.WriteAttributeString("value", Safe(value));
        w.WriteEndElement();
    }

    private static string Safe(string? text) => TextSafety.ForXml(text);

    private static string Number(long n) => n.ToString(CultureInfo.InvariantCulture);

    private static string Seconds(double s) => Math.Max(0, s).ToString("0.000", CultureInfo.InvariantCulture);

    private static string Value(double? v) => v is { } d ? d.ToString("G6", CultureInfo.InvariantCulture) : "-";
}
