using System.Globalization;
using Spectre.Console;
using UsocHil.Expectations;
using UsocHil.Reporting;
using UsocHil.Results;

namespace UsocHil.Cli.Results;

/// <summary>What results list, show, export and compare do once the archive is open. Device text goes into tables as plain text, never markup, with control characters escaped.</summary>
internal static class ResultsActions
{
    public static async Task<int> ListAsync(IResultsStore archive, bool json, CancellationToken cancellationToken)
    {
        IReadOnlyList<RunSummary> runs = await archive.ListRunsAsync(cancellationToken);
        if (json)
        {
            WriteJson(stream => ResultsJson.WriteList(runs, stream));
            return ExitCodes.Passed;
        }

        var table = new Table().AddColumns("Run", "Rig", "Unit", "Sequence", "Started (rig)", "Outcome", "Hash");
        foreach (RunSummary r in runs)
        {
            table.AddRow(Cells(RunName(r), r.Header.Rig, r.Header.UnitSerial ?? "-", r.Header.Sequence, Time(r.StartedRig), r.Outcome.ToString().ToLowerInvariant(), r.RecordHash?[..12] ?? "-"));
        }

        OperatorConsole.Create().Write(table);
        Console.WriteLine($"{runs.Count} run(s) in {archive.Path}");
        return ExitCodes.Passed;
    }

    /// <summary>A run's number; at the centre also the station and the station's own number for it.</summary>
    private static string RunName(RunSummary r) =>
        r.Station is { } station ? $"{r.Id} ({station} run {r.RecordedId})" : r.Id.ToString(CultureInfo.InvariantCulture);

    public static async Task<int> ShowAsync(IResultsStore archive, long runId, bool json, CancellationToken cancellationToken)
    {
        RunRecord run = await archive.ReadRunAsync(runId, cancellationToken);
        if (json)
        {
            WriteJson(stream => ResultsJson.WriteRun(run, stream));
            return ExitCodes.Passed;
        }

        RunSummary s = run.Summary;
        Console.WriteLine(TerminalText.Escape($"Run {RunName(s)}: {s.Header.Sequence} on {s.Header.Rig}, unit {s.Header.UnitSerial ?? "-"}, {s.Outcome.ToString().ToLowerInvariant()}"));
        Console.WriteLine(TerminalText.Escape($"  started {Time(s.StartedRig)} (rig), ended {(s.EndedRig is { } e ? Time(e) : "-")}; operator {s.Header.Operator ?? "-"}; software {s.Header.SoftwareVersion ?? "-"}"));
        VerificationScope scope = VerificationScope.Of(s.Header);
        foreach (string? said in new[] { scope.Statement, scope.StatusStatement })
        {
            if (said is not null)
            {
                Console.WriteLine(TerminalText.Escape($"  {said}"));
            }
        }

        Console.WriteLine($"  {run.Steps.Count} steps, {run.Measurements.Count} measurements, {run.Telemetry.Count} telemetry samples, {run.Events.Count} events, {run.Commands.Count} commands, {run.Calibrations.Count} calibration products");
        foreach (EventRow harness in run.Events.Where(e => e.Name == "harness"))
        {
            Console.WriteLine(TerminalText.Escape($"  {harness.Severity}: {harness.Data}"));
        }

        var table = new Table().AddColumns("Step", "Expectation", "Measured", "Margin", "Verdict");
        foreach (MeasurementRow m in run.Verdicts)
        {
            JudgedResult x = m.Judged!;
            table.AddRow(Cells(m.StepIndex?.ToString(CultureInfo.InvariantCulture) ?? "-", x.Expectation, Running.ValueText.WithUnit(x.Measured, x.Unit),
                double.IsFinite(x.Margin) ? x.Margin.ToString("G4", CultureInfo.InvariantCulture) : "-", x.Verdict.ToString().ToLowerInvariant()));
        }

        OperatorConsole.Create().Write(table);
        return ExitCodes.Passed;
    }

    public static async Task<int> ExportAsync(IResultsStore archive, long runId, FileInfo? junit, FileInfo? json, FileInfo? csv, CancellationToken cancellationToken)
    {
        if (junit is null && json is null && csv is null)
        {
            Console.Error.WriteLine("usoc-hil results export: say what to write: --junit FILE, --json FILE and/or --csv FILE");
            return ExitCodes.UsageOrConfiguration;
        }

        RunRecord run = await archive.ReadRunAsync(runId, cancellationToken);
        if (junit is not null)
        {
            await using FileStream f = File.Create(junit.FullName);
            JUnitExport.Write(run, f);
            Console.WriteLine($"JUnit XML: {junit.FullName} ({run.Verdicts.Count()} test cases)");
        }

        if (json is not null)
        {
            await using FileStream f = File.Create(json.FullName);
            JsonExport.Write(run, f);
            Console.WriteLine($"JSON: {json.FullName}");
        }

        if (csv is not null)
        {
            await using var f = new StreamWriter(csv.FullName);
            CsvExport.Write(run, f);
            Console.WriteLine($"CSV: {csv.FullName}");
            string verdicts = Path.ChangeExtension(csv.FullName, ".verdicts.csv");
            await using var v = new StreamWriter(verdicts);
            VerdictCsv.Write(run, v);
            Console.WriteLine($"CSV verdicts: {verdicts} ({run.Verdicts.Count()} rows)");
        }

        return ExitCodes.Passed;
    }

    public static async Task<int> CompareAsync(IResultsStore archive, long a, long b, CancellationToken cancellationToken)
    {
        RunComparison c = RunComparison.Compare(await archive.ReadRunAsync(a, cancellationToken), await archive.ReadRunAsync(b, cancellationToken));
        if (!c.SameRig)
        {
            Console.WriteLine($"note: runs {a} and {b} are of different rigs");
        }

        var drift = new Table().AddColumns("Sensor", "Coefficient", $"Run {a}", $"Run {b}", "Change", "Change/σ");
        foreach (CalibrationDrift d in c.Calibrations)
        {
            foreach (CoefficientDrift k in d.Coefficients)
            {
                drift.AddRow(Cells(d.Sensor, $"c{k.Index}", k.A.ToString("G8", CultureInfo.InvariantCulture), k.B.ToString("G8", CultureInfo.InvariantCulture), k.Delta.ToString("G4", CultureInfo.InvariantCulture), k.Sigmas.ToString("F1", CultureInfo.InvariantCulture)));
            }

            drift.AddRow(Cells(d.Sensor, "max drift", "", "", $"{d.MaxDrift:F3} {d.Unit}".TrimEnd(), ""));
        }

        OperatorConsole.Create().Write(drift);
        var changes = new Table().AddColumns("Expectation", $"Run {a}", $"Run {b}", "Margin A", "Margin B");
        foreach (VerdictChange v in c.Verdicts.Where(v => v.Changed))
        {
            changes.AddRow(Cells(v.Expectation, v.A?.ToString() ?? "-", v.B?.ToString() ?? "-", v.MarginA?.ToString("G4", CultureInfo.InvariantCulture) ?? "-", v.MarginB?.ToString("G4", CultureInfo.InvariantCulture) ?? "-"));
        }

        OperatorConsole.Create().Write(changes);
        Console.WriteLine($"{c.Verdicts.Count(v => v.Changed)} verdict change(s), {c.Verdicts.Count(v => !v.Changed)} unchanged");
        return ExitCodes.Passed;
    }

    private static void WriteJson(Action<Stream> write)
    {
        Console.Out.Flush();
        using var buffer = new MemoryStream();
        write(buffer);
        Console.Out.WriteLine(System.Text.Encoding.UTF8.GetString(buffer.ToArray()));
    }

    private static Text[] Cells(params string[] values) => values.Select(v => new Text(TerminalText.Escape(v))).ToArray();

    private static string Time(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
}
