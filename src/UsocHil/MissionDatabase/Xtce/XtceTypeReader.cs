using System.Globalization;
using System.Xml.Linq;
using UsocHil.MissionDatabase.Xml;

namespace UsocHil.MissionDatabase.Xtce;

/// <summary>
/// Reads XTCE parameter types (1.0, 1.1 and 1.2 spellings: <c>twosCompliment</c> and <c>twosComplement</c>,
/// <c>IEEE754_1985</c> and <c>IEEE754</c>, a calibrator in or without <c>DefaultCalibrator</c>) into what the rig
/// holds, reporting each type and each part it cannot keep.
/// </summary>
internal sealed class XtceTypeReader(XtceCoverage coverage)
{
    private ImportReport Report => coverage.Report;

    public XtceType Read(XElement type)
    {
        try
        {
            return ReadType(type);
        }
        catch (XtceValueException e)
        {
            string name = (string?)type.Attribute("name") ?? "";
            coverage.Drop(type, name, e.Message);
            return new XtceType(name, null, null) { WhyNot = e.Message };
        }
    }

    private XtceType ReadType(XElement type)
    {
        string name = (string?)type.Attribute("name") ?? "";
        string where = XmlSource.Where(type);
        coverage.Read(type, type.Child("LongDescription"));
        string? unit = Unit(type);
        XtceType result = type.Name.LocalName switch
        {
            "IntegerParameterType" or "FloatParameterType" or "EnumeratedParameterType" or "BooleanParameterType" => Encoded(type, type, name),
            "AbsoluteTimeParameterType" or "RelativeTimeParameterType" => Timed(type, name),
            "StringParameterType" => Text(type, name),
            "BinaryParameterType" => Octets(type, name),
            _ => new XtceType(name, null, FixedSize(type)) { WhyNot = $"{type.Name.LocalName} is not supported by the importer yet" },
        };
        result = result with { Unit = result.Time is null ? unit : "s", Description = (string?)type.Attribute("shortDescription") ?? type.Text("LongDescription") };
        if (result.FieldType is null)
        {
            result = result with { FixedBits = result.FixedBits is int size and > 0 and <= MaxPacketBits ? size : null };
            coverage.Drop(type, name, result.WhyNot + (result.FixedBits is int bits ? $" (its {bits} bits are skipped in packets)" : ""));
            return result;
        }

        if (type.Name.LocalName is "IntegerParameterType" or "FloatParameterType")
        {
            result = Bounded(type, name, result);
        }

        if (type.Name.LocalName == "EnumeratedParameterType")
        {
            result = result with { Enumeration = Enumerations(type) };
        }
        else if (type.Name.LocalName == "BooleanParameterType")
        {
            result = result with { Enumeration = new Dictionary<string, string> { ["0"] = (string?)type.Attribute("zeroStringValue") ?? "False", ["1"] = (string?)type.Attribute("oneStringValue") ?? "True" } };
        }

        Report.Imported(where, type.Name.LocalName, name, result.FieldType);
        return result;
    }

    /// <summary>
    /// A string, UTF-8 or US-ASCII: of a fixed size in whole octets as <c>stringN</c> (a fixed buffer ended by a NUL
    /// too, as <c>stringN</c> reads up to its first NUL); one whose size the packet says (XTCE 1.0/1.1 <c>SizeInBits</c>
    /// with only a <c>TerminationChar</c> or <c>LeadingSize</c>, 1.2 <c>Variable</c>) as <c>string</c> with a size.
    /// </summary>
    private XtceType Text(XElement type, string name)
    {
        XElement? encoding = type.Child("StringDataEncoding");
        coverage.Read(encoding);
        string charset = (string?)encoding?.Attribute("encoding") ?? "UTF-8";
        XElement? size = encoding?.Child("SizeInBits");
        XElement? variable = encoding?.Child("Variable");
        if (encoding is null || (size is null && variable is null))
        {
            return new XtceType(name, null, null) { WhyNot = "a string without a size is not supported" };
        }

        if (charset is not ("UTF-8" or "US-ASCII"))
        {
            return new XtceType(name, null, FixedSize(type)) { WhyNot = $"a string encoded as {charset} is not supported (UTF-8 and US-ASCII only)" };
        }

        int? bits = size is null ? null : FixedValue(size);
        XElement? holder = variable ?? size!;
        XElement? terminator = holder.Child("TerminationChar");
        XElement? leading = holder.Child("LeadingSize");
        if (bits is int fixedBits && leading is null && (terminator is null || Octet(terminator) == 0))
        {
            coverage.ReadAll(size!);
            return fixedBits > 0 && fixedBits % 8 == 0 && fixedBits / 8 <= Dictionary.FieldType.MaxOctets
                ? new XtceType(name, $"string{fixedBits / 8}", fixedBits)
                : new XtceType(name, null, FixedSize(type)) { WhyNot = $"a string of {fixedBits} bits is not whole octets" };
        }

        if (bits is not null)
        {
            return new XtceType(name, null, bits) { WhyNot = "a fixed buffer whose text is counted or ended by another octet than NUL is not supported" };
        }

        return Sized(type, name, "string", holder, variable?.Long("maxSizeInBits"));
    }

    /// <summary>Octets of a fixed size in whole octets, as <c>bytesN</c>; counted by another parameter (or a leading count), as <c>bytes</c> with a size.</summary>
    private XtceType Octets(XElement type, string name)
    {
        XElement? encoding = type.Child("BinaryDataEncoding");
        coverage.Read(encoding);
        XElement? size = encoding?.Child("SizeInBits");
        if (size is not null && (size.Child("DynamicValue") is not null || size.Child("LeadingSize") is not null))
        {
            return Sized(type, name, "bytes", size, null);
        }

        int? bits = size?.Child("FixedValue") is { } value && int.TryParse(value.Value.Trim(), CultureInfo.InvariantCulture, out int fixedBits) ? fixedBits : null;
        if (bits is not int octetBits || octetBits <= 0 || octetBits % 8 != 0 || octetBits / 8 > Dictionary.FieldType.MaxOctets)
        {
            return new XtceType(name, null, FixedSize(type)) { WhyNot = "binary data without a fixed size in whole octets is not supported" };
        }

        coverage.ReadAll(size!);
        return new XtceType(name, $"bytes{octetBits / 8}", octetBits);
    }

    /// <summary>The parameter reference Yamcs writes where XTCE 1.2 demands a <c>DynamicValue</c> that means nothing.</summary>
    public const string IgnoredReference = "_yamcs_ignore";

    /// <summary>A variable string or block: a leading count, a terminator, or a parameter counting octets (a linear adjustment of slope 8) or bits.</summary>
    private XtceType Sized(XElement type, string name, string kind, XElement holder, long? maxBits)
    {
        XElement? dynamic = holder.Child("DynamicValue");
        string? counter = dynamic?.Child("ParameterInstanceRef") is { } reference ? XtceNames.Reference((string?)reference.Attribute("parameterRef") ?? "") : null;
        counter = counter is IgnoredReference or "" ? null : counter;
        XElement? leading = holder.Child("LeadingSize");
        XElement? terminator = holder.Child("TerminationChar");
        int? max = maxBits is long m && m % 8 == 0 && m / 8 < Dictionary.FieldType.MaxOctets ? (int)(m / 8) : null;
        if (maxBits is long odd && odd % 8 != 0)
        {
            Report.Approximated(XmlSource.Where(holder), holder.Name.LocalName, name, $"a maximum of {odd} bits is not whole octets: no maximum is checked");
        }

        Description.FieldSizeDefinition? size = null;
        if (counter is not null && leading is null && terminator is null)
        {
            XElement? adjustment = dynamic!.Child("LinearAdjustment");
            double slope = adjustment?.Double("slope") ?? 1;
            double intercept = adjustment?.Double("intercept") ?? 0;
            if (slope != 8 || intercept != 0)
            {
                return new XtceType(name, null, null) { WhyNot = $"a size of {slope.ToString(CultureInfo.InvariantCulture)} x {counter} + {intercept.ToString(CultureInfo.InvariantCulture)} bits is not supported (only a count of octets, a linear adjustment of slope 8)" };
            }

            size = new Description.FieldSizeDefinition { Parameter = counter, Max = max };
        }
        else if (counter is null && leading is not null)
        {
            int prefix = leading.Int("sizeInBitsOfSizeTag") ?? 16;
            if (prefix is < 1 or > 32)
            {
                return new XtceType(name, null, null) { WhyNot = $"a leading size of {prefix} bits is not supported (1 to 32)" };
            }

            size = new Description.FieldSizeDefinition { Prefix = prefix, Max = max };
        }
        else if (counter is null && terminator is not null && kind == "string")
        {
            if (Octet(terminator) is not int octet)
            {
                return new XtceType(name, null, null) { WhyNot = $"TerminationChar '{terminator.Value.Trim()}' is not one octet in hexadecimal" };
            }

            size = new Description.FieldSizeDefinition { Terminator = octet, Max = max };
        }

        if (size is null)
        {
            return new XtceType(name, null, null) { WhyNot = $"a {kind} sized by {(counter is null ? "nothing it names" : $"{counter} and by its own count or terminator")} is not supported" };
        }

        coverage.ReadAll(holder);
        return new XtceType(name, kind, null) { Size = size };
    }

    private static int? Octet(XElement terminator) =>
        terminator.Value.Trim() is { Length: > 0 and <= 2 } hex && int.TryParse(hex, NumberStyles.HexNumber, CultureInfo.InvariantCulture, out int octet) ? octet
        : terminator.Value.Trim().Length == 0 ? 0 : null;

    /// <summary>
    /// A time type: its encoding's integer or float field, the encoding's scale and offset as a linear calibration to
    /// seconds, and its epoch (absolute) or none (relative). A time counted from another parameter is kept as relative.
    /// </summary>
    private XtceType Timed(XElement type, string name)
    {
        XElement? encoding = type.Child("Encoding");
        if (encoding is null)
        {
            return new XtceType(name, null, null) { WhyNot = "a time without an encoding: a value computed on the ground, not carried in packets" };
        }

        coverage.Read(encoding);
        string units = (string?)encoding.Attribute("units") ?? "seconds";
        if (units != "seconds")
        {
            return new XtceType(name, null, FixedSize(type)) { WhyNot = $"time units {units} are not supported (seconds only)" };
        }

        if (encoding.Child("BinaryDataEncoding") is { } binary && DaySegmented(type, binary, name) is { } daySegmented)
        {
            return daySegmented;
        }

        if (encoding.Child("IntegerDataEncoding") is null && encoding.Child("FloatDataEncoding") is null)
        {
            return new XtceType(name, null, FixedSize(type)) { WhyNot = "a time encoded as binary (other than UsocHil's CCSDS_CDS_N) or as a string is not supported" };
        }

        XtceType field = Encoded(encoding, type, name);
        if (field.FieldType is null)
        {
            return field;
        }

        double scale = encoding.Double("scale") ?? 1;
        double offset = encoding.Double("offset") ?? 0;
        if ((scale != 1 || offset != 0) && (field.Polynomial is not null || field.Spline is not null))
        {
            return new XtceType(name, null, field.FixedBits) { WhyNot = "a time with both a scale or offset and a calibrator is not supported" };
        }

        var result = field with
        {
            Unit = "s",
            Polynomial = field.Polynomial ?? (scale != 1 || offset != 0 ? [offset, scale] : null),
            Time = new Description.TimeDefinition { Relative = true },
        };
        XElement? reference = type.Child("ReferenceTime");
        coverage.Read(reference);
        if (reference?.Child("Epoch") is { } epoch)
        {
            coverage.Read(epoch);
            string text = epoch.Value.Trim();
            if (!Dictionary.TimeEpochs.TryParse(text, out _))
            {
                return new XtceType(name, null, field.FixedBits) { WhyNot = $"epoch '{text}' is not a date, date-time, TAI, J2000, UNIX, POSIX or GPS" };
            }

            result = result with { Time = new Description.TimeDefinition { Epoch = text } };
        }
        else if (reference?.Child("OffsetFrom") is { } from)
        {
            coverage.ReadAll(from);
            Report.Approximated(XmlSource.Where(from), type.Name.LocalName, name,
                $"counted from parameter {(string?)from.Attribute("parameterRef")}, which the rig cannot follow: kept as a relative time (seconds since that instant)");
        }
        else if (type.Name.LocalName == "AbsoluteTimeParameterType")
        {
            Report.Approximated(XmlSource.Where(type), type.Name.LocalName, name, "an absolute time without an epoch: kept as a relative time (seconds)");
        }

        return result;
    }

    /// <summary>
    /// A CCSDS day-segmented time as this exporter writes it: binary data of 6 to 11 octets whose transform algorithm
    /// is named <c>CCSDS_CDS_N</c> for its N octets, from an epoch; null for any other binary time.
    /// </summary>
    private XtceType? DaySegmented(XElement type, XElement binary, string name)
    {
        string? algorithm = (string?)binary.Child("FromBinaryTransformAlgorithm")?.Attribute("name");
        int? bits = FixedValue(binary.Child("SizeInBits"));
        if (algorithm is null || !algorithm.StartsWith(XtceTypeWriter.DaySegmentedAlgorithm + "_", StringComparison.Ordinal) || bits is not int size
            || !Dictionary.FieldType.TryParse($"cds{algorithm[(XtceTypeWriter.DaySegmentedAlgorithm.Length + 1)..]}", out Dictionary.FieldType field)
            || field.Kind != Dictionary.FieldKind.DaySegmented || field.Bits != size)
        {
            return null;
        }

        if (type.Child("ReferenceTime")?.Child("Epoch") is not { } epoch || !Dictionary.TimeEpochs.TryParse(epoch.Value.Trim(), out _))
        {
            return new XtceType(name, null, size) { WhyNot = "a CDS time without an epoch the rig can read" };
        }

        coverage.ReadAll(binary);
        coverage.ReadAll(type.Child("ReferenceTime")!);
        return new XtceType(name, field.ToString(), size) { Unit = "s", Time = new Description.TimeDefinition { Epoch = epoch.Value.Trim() } };
    }

    private XtceType Encoded(XElement holder, XElement type, string name)
    {
        XElement? integer = holder.Child("IntegerDataEncoding");
        XElement? floating = holder.Child("FloatDataEncoding");
        XElement? encoding = integer ?? floating;
        if (encoding is null)
        {
            return new XtceType(name, null, null) { WhyNot = "it has no data encoding: a value computed on the ground, not carried in packets" };
        }

        coverage.Read(encoding);
        int bits = encoding.Int("sizeInBits") ?? (integer is not null ? 8 : 32);
        string? byteOrder = (string?)encoding.Attribute("byteOrder");
        if (byteOrder is not null and not "mostSignificantByteFirst" && bits > 8)
        {
            return new XtceType(name, null, bits) { WhyNot = $"byte order {byteOrder} is not supported (big-endian only)" };
        }

        string? fieldType = integer is not null ? IntegerType(integer, bits, type.Name.LocalName) : FloatType(floating!, bits);
        if (fieldType is null || bits is < 1 or > 64)
        {
            string encodingName = (string?)encoding.Attribute("encoding") ?? "default";
            return new XtceType(name, null, bits) { WhyNot = $"{encoding.Name.LocalName} {encodingName} of {bits} bits is not supported" };
        }

        var result = new XtceType(name, fieldType, bits);
        return Calibrated(encoding, name, result);
    }

    private static string? IntegerType(XElement encoding, int bits, string parameterType) =>
        ((string?)encoding.Attribute("encoding") ?? "unsigned") switch
        {
            _ when parameterType == "BooleanParameterType" => bits == 1 ? "bool" : $"bool{bits}",
            "unsigned" => $"uint{bits}",
            "twosComplement" or "twosCompliment" => $"int{bits}",
            _ => null,
        };

    private static string? FloatType(XElement encoding, int bits) =>
        ((string?)encoding.Attribute("encoding") ?? "IEEE754_1985") is "IEEE754_1985" or "IEEE754" && bits is 32 or 64 ? $"float{bits}" : null;

    private XtceType Calibrated(XElement encoding, string name, XtceType type)
    {
        foreach (XElement context in encoding.Children("ContextCalibratorList"))
        {
            coverage.Drop(context, name, "context calibrators are not supported: the default calibrator is used whatever the context");
        }

        XElement? holder = encoding.Child("DefaultCalibrator");
        coverage.Read(holder);
        XElement? calibrator = (holder ?? encoding).Elements().FirstOrDefault(e => e.Name.LocalName.EndsWith("Calibrator", StringComparison.Ordinal) && e.Name.LocalName != "DefaultCalibrator" && e.Name.LocalName != "ContextCalibratorList");
        switch (calibrator?.Name.LocalName)
        {
            case null:
                return type;
            case "PolynomialCalibrator":
                var terms = calibrator.Children("Term").Select(t => (t.Int("exponent") ?? 0, t.Double("coefficient") ?? 0)).ToList();
                coverage.ReadAll(calibrator);
                if (terms.Count == 0 || terms.Any(t => t.Item1 is < 0 or > 7))
                {
                    coverage.Drop(calibrator, name, "a polynomial without terms or with exponents beyond 7");
                    return type;
                }

                var coefficients = new double[terms.Max(t => t.Item1) + 1];
                foreach ((int exponent, double coefficient) in terms)
                {
                    coefficients[exponent] += coefficient;
                }

                return type with { Polynomial = coefficients };
            case "SplineCalibrator":
                return Spline(calibrator, name, type);
            default:
                coverage.Drop(calibrator, name, $"{calibrator.Name.LocalName} is not supported: the parameter keeps its raw value");
                return type;
        }
    }

    private XtceType Spline(XElement calibrator, string name, XtceType type)
    {
        int order = calibrator.Int("order") ?? 1;
        var points = calibrator.Children("SplinePoint")
            .Select(p => (IReadOnlyList<double>)[p.Double("raw") ?? double.NaN, p.Double("calibrated") ?? double.NaN])
            .OrderBy(p => p[0])
            .ToList();
        if (order != 1 || points.Count < 2 || points.Any(p => !double.IsFinite(p[0]) || !double.IsFinite(p[1])) || points.Zip(points.Skip(1)).Any(p => p.First[0] == p.Second[0]))
        {
            coverage.Drop(calibrator, name, order != 1 ? $"a spline of order {order} (only straight lines, order 1, are supported)" : "a spline needs two or more points with distinct raw values");
            return type;
        }

        coverage.ReadAll(calibrator);
        if (!(calibrator.Bool("extrapolate") ?? false))
        {
            Report.Approximated(XmlSource.Where(calibrator), "SplineCalibrator", name, "beyond its end points the end segments are extended (XTCE leaves the value undefined there)");
        }

        return type with { Spline = points };
    }

    private XtceType Bounded(XElement type, string name, XtceType result)
    {
        if (type.Child("ValidRange") is { } range && (range.Bool("validRangeAppliesToCalibrated") ?? true))
        {
            coverage.Read(range);
            double low = range.Double("minInclusive") ?? range.Double("minExclusive") ?? double.MinValue;
            double high = range.Double("maxInclusive") ?? range.Double("maxExclusive") ?? double.MaxValue;
            result = result with { Range = [low, high] };
            if (range.Attribute("minExclusive") is not null || range.Attribute("maxExclusive") is not null)
            {
                Report.Approximated(XmlSource.Where(range), "ValidRange", name, "an exclusive bound is checked as inclusive");
            }
        }

        var reader = new XtceAlarmReader(coverage);
        var alarms = new List<XtceAlarm>();
        if (type.Child("DefaultAlarm") is { } alarm && reader.Read(alarm, name) is { } fallback)
        {
            alarms.Add(fallback);
        }

        if (type.Child("ContextAlarmList") is { } contexts)
        {
            coverage.Read(contexts);
            alarms.AddRange(contexts.Children("ContextAlarm").Select(c => reader.Read(c, name)).OfType<XtceAlarm>());
            if (type.Child("DefaultAlarm") is not null && alarms.Any(a => a.When is not null))
            {
                Report.Approximated(XmlSource.Where(contexts), "ContextAlarmList", name,
                    "every applicable alarm is checked: the default alarm also while a context alarm applies, where XTCE would suspend it");
            }
        }

        return alarms.Count == 0 ? result : result with { Alarms = alarms };
    }

    private Dictionary<string, string> Enumerations(XElement type)
    {
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (XElement list in type.Children("EnumerationList"))
        {
            coverage.Read(list);
            foreach (XElement enumeration in list.Children("Enumeration"))
            {
                coverage.Read(enumeration);
                string value = (enumeration.Long("value") ?? 0).ToString(CultureInfo.InvariantCulture);
                labels[value] = (string?)enumeration.Attribute("label") ?? value;
                if (enumeration.Attribute("maxValue") is { } max)
                {
                    Report.Approximated(XmlSource.Where(enumeration), "Enumeration", labels[value], $"the range {value}..{max.Value} is labelled only at {value}");
                }
            }
        }

        return labels;
    }

    private string? Unit(XElement type)
    {
        XElement? set = type.Child("UnitSet");
        if (set is null)
        {
            return null;
        }

        coverage.Read(set);
        var units = set.Children("Unit").ToList();
        coverage.Read(units);
        if (units.Count > 1)
        {
            Report.Approximated(XmlSource.Where(set), "UnitSet", (string?)type.Attribute("name"), "several units are joined into one");
        }

        string joined = string.Join(" ", units.Select(u => u.Value.Trim()).Where(u => u.Length > 0));
        return joined.Length == 0 ? null : joined;
    }

    /// <summary>The bits an unsupported type takes in a packet, when its encoding says a fixed size that fits a packet.</summary>
    private static int? FixedSize(XElement type) => EncodedSize(type) is int bits and > 0 and <= MaxPacketBits ? bits : null;

    /// <summary>The largest space packet, in bits: no field or gap is longer.</summary>
    public const int MaxPacketBits = 65542 * 8;

    private static int? EncodedSize(XElement type)
    {
        XElement? encoding = type.Descendants().FirstOrDefault(e => e.Name.LocalName is "IntegerDataEncoding" or "FloatDataEncoding" or "BinaryDataEncoding" or "StringDataEncoding");
        return encoding?.Name.LocalName switch
        {
            "IntegerDataEncoding" => encoding.Int("sizeInBits") ?? 8,
            "FloatDataEncoding" => encoding.Int("sizeInBits") ?? 32,
            _ => encoding is null ? null : FixedValue(encoding.Child("SizeInBits")),
        };
    }

    private static int? FixedValue(XElement? size) =>
        size?.Child("FixedValue") is { } value ? int.TryParse(value.Value.Trim(), CultureInfo.InvariantCulture, out int bits) ? bits : null
        : size?.Child("Fixed")?.Child("FixedValue") is { } nested && int.TryParse(nested.Value.Trim(), CultureInfo.InvariantCulture, out int fixedBits) ? fixedBits : null;
}
