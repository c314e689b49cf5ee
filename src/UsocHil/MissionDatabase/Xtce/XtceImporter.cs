using System.Xml.Linq;
using UsocHil.Description;
using UsocHil.MissionDatabase.Xml;

namespace UsocHil.MissionDatabase.Xtce;

/// <summary>
/// Imports XTCE (1.0, 1.1 or 1.2, with or without its namespace; several files and their XIncludes make one
/// database) into a rig's dictionary: parameter types, parameters and sequence containers. Every element ends in the
/// report as imported, approximated or dropped with its <c>file:line</c>; unknown elements are reported, never fatal.
/// </summary>
public static class XtceImporter
{
    public static DatabaseImport Import(IReadOnlyList<string> files, string rigName, XmlLimits? limits = null)
    {
        var report = new ImportReport();
        var coverage = new XtceCoverage(report);
        List<XElement> roots = [.. files.Select(file => SafeXmlReader.Load(file, limits))];
        foreach (XElement root in roots.Where(r => r.Name.LocalName != "SpaceSystem"))
        {
            throw new MissionDatabaseException(XmlSource.Where(root), $"the root element is {root.Name.LocalName}, not an XTCE SpaceSystem");
        }

        var systems = roots.SelectMany(r => r.DescendantsAndSelf().Where(e => e.Name.LocalName == "SpaceSystem")).ToList();
        foreach (XElement system in systems)
        {
            coverage.Read(system, system.Child("LongDescription"));
            coverage.Read(system.Child("TelemetryMetaData"));
            foreach (string set in (string[])["ParameterTypeSet", "ParameterSet", "ContainerSet"])
            {
                coverage.Read(system.Child("TelemetryMetaData")?.Child(set));
            }
        }

        var typeReader = new XtceTypeReader(coverage);
        var types = new Dictionary<string, XtceType>(StringComparer.Ordinal);
        foreach (XElement type in Sets(systems, "ParameterTypeSet"))
        {
            types.TryAdd((string?)type.Attribute("name") ?? "", typeReader.Read(type));
        }

        var bands = new List<LimitDefinition>();
        (Dictionary<string, ParameterDefinition> parameters, Dictionary<string, int?> skipped) = Parameters(Sets(systems, "ParameterSet"), types, coverage, bands);
        var services = new XtceServiceReader(coverage, parameters);
        var containers = Sets(systems, "ContainerSet").Where(c => c.Name.LocalName == "SequenceContainer").ToList();
        IReadOnlyList<HousekeepingStructureDefinition> housekeeping = [.. containers.Where(XtceServiceReader.IsHousekeeping).Select(services.Housekeeping).OfType<HousekeepingStructureDefinition>()];
        IReadOnlyList<PacketDefinition> packets = new XtceContainerReader(coverage, parameters, skipped)
            .Read([.. containers.Where(c => !XtceServiceReader.IsHousekeeping(c))]);
        List<EventDefinition> events = [];
        List<FailureCodeDefinition> failures = [];
        services.Enumerations(Sets(systems, "ParameterTypeSet"), events, failures);
        IReadOnlyList<CommandDefinition> commands = new XtceCommandReader(coverage).Read(systems);
        int? declaredApid = systems.Select(s => XtcePus.IntAlias(s, XtcePus.Apid, coverage, 2047)).FirstOrDefault(a => a is not null);
        foreach (XElement root in roots)
        {
            coverage.Sweep(root);
        }

        report.Sort();

        int apid = declaredApid ?? (int)(packets.SelectMany(p => p.Restrictions).FirstOrDefault(r => r.Parameter.Contains("APID", StringComparison.Ordinal) && r.Operator == "==")?.Value ?? 0);
        var rig = new RigDefinition
        {
            Name = rigName,
            Description = $"Imported from the XTCE of {string.Join(", ", systems.Take(1).Select(s => (string?)s.Attribute("name")))} ({string.Join(", ", files.Select(Path.GetFileName))})",
            Apid = apid is >= 0 and <= 2047 ? apid : 0,
            Dictionary = new RigDictionary
            {
                Parameters = [.. parameters.Values],
                Housekeeping = housekeeping,
                Packets = packets,
                Commands = commands,
                Events = events,
                FailureCodes = failures,
            },
            Limits = bands,
        };
        return ImportedDictionary.Checked(new DatabaseImport(rig, report), files[0]);
    }

    private static IEnumerable<XElement> Sets(IEnumerable<XElement> systems, string set) =>
        systems.SelectMany(s => s.Child("TelemetryMetaData")?.Child(set)?.Elements() ?? []);

    private static (Dictionary<string, ParameterDefinition>, Dictionary<string, int?>) Parameters(IEnumerable<XElement> elements, Dictionary<string, XtceType> types, XtceCoverage coverage, List<LimitDefinition> limits)
    {
        var ids = new HashSet<int>();
        var parameters = new Dictionary<string, ParameterDefinition>(StringComparer.Ordinal);
        var skipped = new Dictionary<string, int?>(StringComparer.Ordinal);
        var rigNames = new HashSet<string>(StringComparer.Ordinal);
        var pending = new List<(LimitDefinition Limit, XtceCondition? When)>();
        var locations = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (XElement element in elements)
        {
            string name = (string?)element.Attribute("name") ?? "";
            string typeName = XtceNames.Reference((string?)element.Attribute("parameterTypeRef") ?? "");
            if (element.Name.LocalName != "Parameter" || parameters.ContainsKey(name) || skipped.ContainsKey(name))
            {
                coverage.Drop(element, name, element.Name.LocalName != "Parameter" ? "not a Parameter" : "a second parameter of this name");
                continue;
            }

            if (!types.TryGetValue(typeName, out XtceType? type) || type.FieldType is null)
            {
                skipped[name] = type?.FixedBits;
                coverage.Drop(element, name, type is null ? $"its type {typeName} is not defined" : $"its type {typeName} is not imported ({type.WhyNot})");
                continue;
            }

            coverage.Read(element, element.Child("LongDescription"), element.Child("ParameterProperties"));
            string rigName = XtceNames.Rig(name);
            for (int n = 2; !rigNames.Add(rigName); n++)
            {
                rigName = $"{XtceNames.Rig(name)}_{n}";
            }

            int id = XtcePus.IntAlias(element, XtcePus.ParameterId, coverage, ushort.MaxValue) is int declared && ids.Add(declared) ? declared : NextId(ids, parameters.Count + 1);
            (bool settable, bool lost) = Properties(element.Child("ParameterProperties"), name, coverage);
            parameters[name] = new ParameterDefinition
            {
                Id = id,
                Settable = settable,
                Volatile = lost,
                Range = type.Range,
                Name = rigName,
                Type = type.FieldType,
                Unit = type.Unit,
                Calibration = type.Polynomial,
                Spline = type.Spline,
                Enum = type.Enumeration,
                Time = type.Time,
                Size = type.Size,
                Description = (string?)element.Attribute("shortDescription") ?? element.Text("LongDescription") ?? type.Description,
            };
            foreach (XtceAlarm alarm in type.Alarms)
            {
                pending.Add((new LimitDefinition { Parameter = rigName, Yellow = alarm.Yellow, Red = alarm.Red, Persistence = alarm.Persistence, Delta = alarm.Delta }, alarm.When));
            }

            locations[name] = XmlSource.Where(element);
            coverage.Report.Imported(XmlSource.Where(element), "Parameter", name, rigName == name ? type.FieldType : $"{type.FieldType}, as {rigName}");
        }

        limits.AddRange(XtceConditions.Resolve(pending, parameters, coverage.Report));
        Counters(parameters, skipped, locations, coverage);
        return (parameters, skipped);
    }

    /// <summary>A variable field's counting parameter by its rig name; one counted by a parameter not imported is not imported either.</summary>
    private static void Counters(Dictionary<string, ParameterDefinition> parameters, Dictionary<string, int?> skipped, Dictionary<string, string> locations, XtceCoverage coverage)
    {
        foreach ((string name, ParameterDefinition parameter) in parameters.ToList())
        {
            if (parameter.Size?.Parameter is not { } counter)
            {
                continue;
            }

            if (parameters.TryGetValue(counter, out ParameterDefinition? counting) && Dictionary.FieldType.TryParse(counting.Type, out Dictionary.FieldType type)
                && type.Kind is Dictionary.FieldKind.Unsigned or Dictionary.FieldKind.Signed)
            {
                parameters[name] = parameter with { Size = parameter.Size with { Parameter = counting.Name } };
                continue;
            }

            parameters.Remove(name);
            skipped[name] = null;
            coverage.Report.Dropped(locations[name], "Parameter", name, $"its size is counted by {counter}, which is not an imported integer parameter");
        }
    }

    /// <summary>Settable (not read-only) and volatile (not persistent); a flag that is not one is reported and read as XTCE's default.</summary>
    private static (bool Settable, bool Volatile) Properties(XElement? properties, string name, XtceCoverage coverage)
    {
        try
        {
            return (properties?.Bool("readOnly") == false, properties?.Bool("persistence") == false);
        }
        catch (XtceValueException e)
        {
            coverage.Report.Approximated(XmlSource.Where(properties!), "ParameterProperties", name, $"{e.Message}: read-only and persistent, XTCE's defaults");
            return (false, false);
        }
    }

    private static int NextId(HashSet<int> ids, int from)
    {
        int id = from;
        while (!ids.Add(id))
        {
            id++;
        }

        return id;
    }
}
