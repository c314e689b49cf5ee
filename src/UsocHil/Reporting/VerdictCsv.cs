using System.Globalization;
using UsocHil.Expectations;
using UsocHil.Results;

namespace UsocHil.Reporting;

/// <summary>
/// A run's judged results as CSV, one row per verdict: step, expectation, parameters, measured value and unit, nominal
/// and hard bounds, margin, verdict, evidence size and culprit; the spreadsheet twin of the report's verdict table.
/// </summary>
public static class VerdictCsv
{
    private const string Header = "step,expectation,parameters,measured,unit,low,high,hard_low,hard_high,margin,verdict,evidence_samples,culprit,message";

    public static void Write(RunRecord run, TextWriter output)
    {
        output.Write(Header);
        output.Write('\n');
        foreach (MeasurementRow m in run.Verdicts)
        {
            JudgedResult x = m.Judged!;
            string?[] fields =
            [
                m.StepIndex?.ToString(CultureInfo.InvariantCulture), x.Expectation, string.Join(";", x.Parameters), Number(x.Measured), x.Unit,
                Number(x.Low), Number(x.High), Number(x.HardLow ?? x.Low), Number(x.HardHigh ?? x.High), Number(x.Margin), x.Verdict.ToText(),
                x.Evidence.Count.ToString(CultureInfo.InvariantCulture), x.Culprit, x.Message,
            ];
            output.Write(string.Join(',', fields.Select(f => CsvExport.Field(f ?? ""))));
            output.Write('\n');
        }
    }

    private static string Number(double? value) => value is { } v && double.IsFinite(v) ? v.ToString("R", CultureInfo.InvariantCulture) : "";
}
