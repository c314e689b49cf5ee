using System.Globalization;
using System.Xml.Linq;
using UsocHil.Description;
using UsocHil.Dictionary;

namespace UsocHil.MissionDatabase.Xtce;

/// <summary>
/// A rig parameter as its own XTCE parameter type: enumerated when it has labels, integer when its engineering value
/// is its raw integer, float otherwise (a calibrated integer is a float type over an integer encoding, as XTCE says);
/// the calibrator inside the encoding, the settable range as the valid range, the limit as default alarm ranges.
/// </summary>
internal static class XtceTypeWriter
{
    private static readonly XNamespace X = XtcePus.Namespace;

    public static string TypeName(string parameter) => parameter + "_Type";

    public static string Text(object value) => value switch
    {
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    /// <param name="limits">The parameter's limits: the one without a condition as the default alarm, the others as context alarms.</param>
    /// <param name="enumerated">Whether a parameter is an enumeration, whose condition value is compared uncalibrated (its code).</param>
    public static XElement Parameter(ParameterDefinition parameter, IReadOnlyList<LimitDefinition> limits, Func<string, bool> enumerated)
    {
        FieldType field = FieldType.Parse(parameter.Type);
        if (parameter.Time is { } time)
        {
            return Time(parameter, field, time, limits);
        }

        if (field.IsBlock)
        {
            return Block(parameter, field);
        }

        bool calibrated = parameter.Calibration is not null || parameter.Spline is not null;
        string element = parameter.Enum is not null ? "EnumeratedParameterType"
            : field.Kind == FieldKind.Boolean ? throw Unsupported(parameter, "a boolean without labels")
            : field.Kind != FieldKind.Float && !calibrated && Integral(parameter.Range) ? "IntegerParameterType"
            : "FloatParameterType";
        var type = new XElement(X + element, new XAttribute("name", TypeName(parameter.Name)));
        if (element == "IntegerParameterType")
        {
            type.Add(new XAttribute("sizeInBits", field.Bits), new XAttribute("signed", field.Kind == FieldKind.Signed));
        }
        else if (element == "FloatParameterType")
        {
            type.Add(new XAttribute("sizeInBits", 64));
        }

        type.Add(Units(parameter.Unit), Encoding(field, Calibrator(parameter)));
        if (parameter.Enum is not null)
        {
            if (calibrated || parameter.Range is not null || limits.Count > 0)
            {
                throw Unsupported(parameter, "labels with a calibration, range or limit");
            }

            type.Add(new XElement(X + "EnumerationList", parameter.Enum.OrderBy(e => long.Parse(e.Key, CultureInfo.InvariantCulture))
                .Select(e => new XElement(X + "Enumeration", new XAttribute("value", e.Key), new XAttribute("label", e.Value)))));
            return type;
        }

        if (parameter.Range is { Count: 2 } range)
        {
            type.Add(new XElement(X + "ValidRange", new XAttribute("minInclusive", Text(range[0])), new XAttribute("maxInclusive", Text(range[1]))));
        }

        if (limits.FirstOrDefault(l => l.When is null) is { } fallback)
        {
            type.Add(Alarm("DefaultAlarm", fallback, null));
        }

        var contexts = limits.Where(l => l.When is not null).ToList();
        if (contexts.Count > 0)
        {
            type.Add(new XElement(X + "ContextAlarmList", contexts.Select(l => Alarm("ContextAlarm", l, Match(l.When!, enumerated(l.When!.Parameter))))));
        }

        return type;
    }

    /// <summary>
    /// A string (UTF-8) or block of octets: of a fixed size, or (1.2's <c>Variable</c>) with a leading count or a
    /// terminator, where the schema's mandatory <c>DynamicValue</c> names Yamcs' ignored reference, or counted in octets
    /// by another parameter (a linear adjustment of slope 8).
    /// </summary>
    private static XElement Block(ParameterDefinition parameter, FieldType field)
    {
        if (parameter.Size is { } sized && field.IsVariable)
        {
            XElement counted = new(X + "DynamicValue", new XElement(X + "ParameterInstanceRef", new XAttribute("parameterRef", sized.Parameter ?? XtceTypeReader.IgnoredReference)),
                sized.Parameter is null ? null : new XElement(X + "LinearAdjustment", new XAttribute("slope", 8)));
            if (field.Kind == FieldKind.Text)
            {
                return new XElement(X + "StringParameterType", new XAttribute("name", TypeName(parameter.Name)),
                    new XElement(X + "StringDataEncoding", new XAttribute("encoding", "UTF-8"),
                        new XElement(X + "Variable", new XAttribute("maxSizeInBits", (sized.Max ?? FieldType.MaxOctets) * 8L), counted,
                            sized.Prefix is int prefix ? new XElement(X + "LeadingSize", new XAttribute("sizeInBitsOfSizeTag", prefix)) : null,
                            sized.Terminator is int terminator ? new XElement(X + "TerminationChar", terminator.ToString("X2", CultureInfo.InvariantCulture)) : null)));
            }

            if (sized.Parameter is null || sized.Max is not null)
            {
                throw Unsupported(parameter, "octets with a leading count or a maximum (XTCE's binary data has neither)");
            }

            return new XElement(X + "BinaryParameterType", new XAttribute("name", TypeName(parameter.Name)),
                new XElement(X + "BinaryDataEncoding", new XElement(X + "SizeInBits", counted)));
        }

        var size = new XElement(X + "FixedValue", field.Bits);
        return field.Kind == FieldKind.Text
            ? new XElement(X + "StringParameterType", new XAttribute("name", TypeName(parameter.Name)),
                new XElement(X + "StringDataEncoding", new XAttribute("encoding", "UTF-8"), new XElement(X + "SizeInBits", new XElement(X + "Fixed", size))))
            : new XElement(X + "BinaryParameterType", new XAttribute("name", TypeName(parameter.Name)),
                new XElement(X + "BinaryDataEncoding", new XElement(X + "SizeInBits", size)));
    }

    /// <summary>The algorithm name a CDS time's binary encoding carries: XTCE has no day-segmented encoding of its own.</summary>
    public const string DaySegmentedAlgorithm = "CCSDS_CDS";

    /// <summary>
    /// A CCSDS day-segmented time: its octets as binary data turned into seconds by an algorithm named
    /// <see cref="DaySegmentedAlgorithm"/> and the octet count (<c>CCSDS_CDS_8</c>), which this importer reads back;
    /// other tools see a binary time they must be told how to read.
    /// </summary>
    private static XElement DaySegmented(ParameterDefinition parameter, FieldType field, TimeDefinition time) =>
        new(X + "AbsoluteTimeParameterType", new XAttribute("name", TypeName(parameter.Name)),
            new XElement(X + "Encoding", new XAttribute("units", "seconds"),
                new XElement(X + "BinaryDataEncoding", new XElement(X + "SizeInBits", new XElement(X + "FixedValue", field.Bits)),
                    new XElement(X + "FromBinaryTransformAlgorithm", new XAttribute("name", $"{DaySegmentedAlgorithm}_{field.Bits / 8}"),
                        new XAttribute("shortDescription", $"CCSDS 301.0-B-4 day segmented time: {field.DayBits}-bit day, 32-bit ms of day{(field.SubMillisecondBits == 16 ? ", 16-bit us of ms" : field.SubMillisecondBits == 32 ? ", 32-bit ps of ms" : "")}")))),
            new XElement(X + "ReferenceTime", new XElement(X + "Epoch", time.Epoch)));

    /// <summary>A time as XTCE's absolute or relative time type: a linear calibration becomes the encoding's scale and offset.</summary>
    private static XElement Time(ParameterDefinition parameter, FieldType field, TimeDefinition time, IReadOnlyList<LimitDefinition> limits)
    {
        if (field.Kind == FieldKind.DaySegmented && parameter.Range is null && limits.Count == 0)
        {
            return DaySegmented(parameter, field, time);
        }

        if (parameter.Enum is not null || parameter.Spline is not null || parameter.Range is not null || limits.Count > 0)
        {
            throw Unsupported(parameter, "a time with labels, a spline, a range or a limit");
        }

        if (parameter.Calibration is { Count: > 2 })
        {
            throw Unsupported(parameter, "a time calibrated by more than a scale and an offset");
        }

        double offset = parameter.Calibration is { Count: > 0 } c ? c[0] : 0;
        double scale = parameter.Calibration is { Count: 2 } linear ? linear[1] : parameter.Calibration is null ? 1 : 0;
        var encoding = new XElement(X + "Encoding", new XAttribute("units", "seconds"),
            scale == 1 ? null : new XAttribute("scale", Text(scale)), offset == 0 ? null : new XAttribute("offset", Text(offset)),
            Encoding(field, null));
        return new XElement(X + (time.Relative ? "RelativeTimeParameterType" : "AbsoluteTimeParameterType"), new XAttribute("name", TypeName(parameter.Name)),
            encoding, time.Relative ? null : new XElement(X + "ReferenceTime", new XElement(X + "Epoch", time.Epoch)));
    }

    public static XElement? Units(string? unit) =>
        unit is null ? null : new XElement(X + "UnitSet", new XElement(X + "Unit", unit));

    public static XElement Encoding(FieldType field, XElement? calibrator) => field.Kind switch
    {
        FieldKind.Float => new XElement(X + "FloatDataEncoding", new XAttribute("sizeInBits", field.Bits), new XAttribute("encoding", "IEEE754_1985"), calibrator),
        _ => new XElement(X + "IntegerDataEncoding", new XAttribute("sizeInBits", field.Bits),
            new XAttribute("encoding", field.Kind == FieldKind.Signed ? "twosComplement" : "unsigned"), calibrator),
    };

    public static bool Integral(IReadOnlyList<double>? range) => range is null || range.All(v => Math.Floor(v) == v && Math.Abs(v) < 9e15);

    public static MissionDatabaseException Unsupported(ParameterDefinition parameter, string what) =>
        new($"{parameter.Name}:0", $"{what} cannot be written as XTCE yet");

    private static XElement? Calibrator(ParameterDefinition parameter)
    {
        if (parameter.Calibration is { } polynomial)
        {
            return new XElement(X + "DefaultCalibrator", new XElement(X + "PolynomialCalibrator",
                polynomial.Select((c, i) => new XElement(X + "Term", new XAttribute("coefficient", Text(c)), new XAttribute("exponent", i)))));
        }

        return parameter.Spline is { } spline
            ? new XElement(X + "DefaultCalibrator", new XElement(X + "SplineCalibrator", new XAttribute("order", 1), new XAttribute("extrapolate", true),
                spline.Select(p => new XElement(X + "SplinePoint", new XAttribute("raw", Text(p[0])), new XAttribute("calibrated", Text(p[1]))))))
            : null;
    }

    private static XElement Alarm(string element, LimitDefinition limit, XElement? match) =>
        new(X + element, limit.Persistence == 1 ? null : new XAttribute("minViolations", limit.Persistence),
            limit is { Yellow: { } yellow, Red: { } red } ? new XElement(X + "StaticAlarmRanges", Range("WarningRange", yellow), Range("CriticalRange", red)) : null,
            limit.Delta is { } delta ? Change(delta) : null,
            match);

    /// <summary>XTCE compares the absolute change with each range's maximum.</summary>
    private static XElement Change(DeltaLimitDefinition delta) =>
        new(X + "ChangeAlarmRanges", new XAttribute("changeType", delta.Per == DeltaBasis.Sample ? "changePerSample" : "changePerSecond"),
            new XElement(X + "WarningRange", new XAttribute("maxInclusive", Text(delta.Yellow))),
            new XElement(X + "CriticalRange", new XAttribute("maxInclusive", Text(delta.Red))));

    private static XElement Match(LimitCondition when, bool enumerated) =>
        new(X + "ContextMatch", new XElement(X + "Comparison", new XAttribute("parameterRef", when.Parameter), new XAttribute("value", Text(when.Value)),
            enumerated ? new XAttribute("useCalibratedValue", false) : null));

    private static XElement? Range(string level, IReadOnlyList<double> band) =>
        band.Count != 2 ? null : new XElement(X + level, new XAttribute("minInclusive", Text(band[0])), new XAttribute("maxInclusive", Text(band[1])));
}
