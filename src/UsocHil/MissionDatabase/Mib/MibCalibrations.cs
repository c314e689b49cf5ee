using System.Globalization;

namespace UsocHil.MissionDatabase.Mib;

/// <summary>
/// The calibrations a PCF row's CURTX names: a polynomial (MCF, five coefficients), a numerical curve (CAF with its
/// CAP points, straight lines between them) or a textual one (TXF with its TXP ranges, each labelled at its start).
/// </summary>
internal sealed class MibCalibrations(ImportReport report, MibTable mcf, MibTable caf, MibTable cap, MibTable txf, MibTable txp)
{
    private readonly Dictionary<string, MibRow> _polynomials = mcf.Rows.GroupBy(r => r[0]).ToDictionary(g => g.Key, g => g.First());
    private readonly Dictionary<string, MibRow> _curves = caf.Rows.GroupBy(r => r[0]).ToDictionary(g => g.Key, g => g.First());
    private readonly Dictionary<string, MibRow> _texts = txf.Rows.GroupBy(r => r[0]).ToDictionary(g => g.Key, g => g.First());

    /// <summary>The calibration an identifier names, or a reason it cannot be used (reported as a safety loss by the caller).</summary>
    public MibCalibration? Find(string id, string parameter, out string? whyNot)
    {
        whyNot = null;
        if (_polynomials.TryGetValue(id, out MibRow? polynomial))
        {
            double[] terms = [.. Enumerable.Range(2, 5).Select(c => polynomial.Double(c) ?? 0)];
            int degree = Array.FindLastIndex(terms, t => t != 0);
            report.Imported(polynomial.Location, "MCF", id, $"polynomial of {parameter}");
            return new MibCalibration(terms[..Math.Max(2, degree + 1)], null, null);
        }

        if (_curves.TryGetValue(id, out MibRow? curve))
        {
            var points = cap.Rows.Where(r => r[0] == id).Select(r => (IReadOnlyList<double>)[r.Double(1) ?? double.NaN, r.Double(2) ?? double.NaN]).OrderBy(p => p[0]).ToList();
            if (points.Count < 2 || points.Any(p => p.Any(double.IsNaN)))
            {
                whyNot = $"curve {id} needs two or more numeric CAP points";
                return null;
            }

            report.Imported(curve.Location, "CAF", id, $"{points.Count} points, for {parameter}");
            return new MibCalibration(null, points, null);
        }

        if (_texts.TryGetValue(id, out MibRow? text))
        {
            var labels = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (MibRow row in txp.Rows.Where(r => r[0] == id))
            {
                if (!long.TryParse(row[1], NumberStyles.Integer, CultureInfo.InvariantCulture, out long from))
                {
                    report.Dropped(row.Location, "TXP", row[3], "its raw value is not an integer");
                    continue;
                }

                labels[from.ToString(CultureInfo.InvariantCulture)] = row[3];
                if (row[2] != row[1])
                {
                    report.Approximated(row.Location, "TXP", row[3], $"the range {row[1]}..{row[2]} is labelled only at {row[1]}");
                }
            }

            report.Imported(text.Location, "TXF", id, $"{labels.Count} labels, for {parameter}");
            return new MibCalibration(null, null, labels);
        }

        whyNot = $"calibration {id} is in none of MCF, CAF or TXF";
        return null;
    }
}

/// <summary>One of a polynomial, a curve or labels.</summary>
internal sealed record MibCalibration(IReadOnlyList<double>? Polynomial, IReadOnlyList<IReadOnlyList<double>>? Spline, IReadOnlyDictionary<string, string>? Labels);
