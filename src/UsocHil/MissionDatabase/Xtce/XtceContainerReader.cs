using System.Globalization;
using System.Xml.Linq;
using UsocHil.Description;
using UsocHil.MissionDatabase.Xml;

namespace UsocHil.MissionDatabase.Xtce;

/// <summary>
/// XTCE sequence containers as packet layouts: bases before the layouts that extend them, container references
/// inlined, a parameter of unsupported type skipped when its size is fixed, and a layout cut short (and reported)
/// at the first entry whose size cannot be known.
/// </summary>
internal sealed class XtceContainerReader(
    XtceCoverage coverage,
    IReadOnlyDictionary<string, ParameterDefinition> parameters,
    IReadOnlyDictionary<string, int?> skipped)
{
    private readonly Dictionary<string, XElement> _containers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Layout?> _built = new(StringComparer.Ordinal);
    private readonly List<PacketDefinition> _packets = [];
    private readonly XtceRestrictions _restrictions = new(coverage, parameters);

    private ImportReport Report => coverage.Report;

    /// <summary>A built layout and the parameter names of its whole path, for its children's restrictions.</summary>
    private sealed record Layout(PacketDefinition Packet, IReadOnlyList<string> PathNames);

    public IReadOnlyList<PacketDefinition> Read(IReadOnlyList<XElement> containers)
    {
        foreach (XElement container in containers)
        {
            string name = (string?)container.Attribute("name") ?? "";
            if (!_containers.TryAdd(name, container))
            {
                coverage.Drop(container, name, $"a second container named {name} (the first, at {XmlSource.Where(_containers[name])}, is kept)");
            }
        }

        // A container repeated as often as a parameter says is a group of the layouts that include it, not a layout of its own.
        var repeated = _containers.Values.SelectMany(c => c.Child("EntryList")?.Elements() ?? [])
            .Where(e => e.Name.LocalName == "ContainerRefEntry" && e.Child("RepeatEntry")?.Child("Count")?.Child("DynamicValue") is not null)
            .Select(e => XtceNames.Reference((string?)e.Attribute("containerRef") ?? "")).ToHashSet(StringComparer.Ordinal);
        foreach ((string name, XElement container) in _containers)
        {
            if (!repeated.Contains(name))
            {
                Build(container, []);
            }
        }

        return _packets;
    }

    private Layout? Build(XElement container, HashSet<string> building)
    {
        string name = (string?)container.Attribute("name") ?? "";
        try
        {
            return BuildLayout(container, name, building);
        }
        catch (XtceValueException e)
        {
            coverage.Drop(container, name, e.Message);
            return _built[name] = null;
        }
    }

    private Layout? BuildLayout(XElement container, string name, HashSet<string> building)
    {
        if (_built.TryGetValue(name, out Layout? done))
        {
            return done;
        }

        if (!building.Add(name))
        {
            coverage.Drop(container, name, "its base chain comes back to it");
            return _built[name] = null;
        }

        coverage.Read(container, container.Child("LongDescription"));
        Layout? parent = null;
        IReadOnlyList<RestrictionDefinition> restrictions = [];
        if (container.Child("BaseContainer") is { } baseElement)
        {
            coverage.Read(baseElement);
            string baseName = XtceNames.Reference((string?)baseElement.Attribute("containerRef") ?? "");
            parent = _containers.TryGetValue(baseName, out XElement? baseContainer) ? Build(baseContainer, building) : null;
            if (parent is null)
            {
                coverage.Drop(container, name, $"its base container {baseName} is not imported");
                return _built[name] = null;
            }

            if (baseElement.Child("RestrictionCriteria") is { } criteria)
            {
                IReadOnlyList<RestrictionDefinition>? read = _restrictions.Read(criteria, out string? whyNot);
                IEnumerable<string> unknown = read?.Select(r => r.Parameter).Where(p => !parent.PathNames.Contains(p)) ?? [];
                if (read is null || unknown.Any())
                {
                    coverage.Drop(container, name, read is null ? $"it cannot be identified: {whyNot}" : $"it is restricted on {unknown.First()}, which its base does not carry");
                    return _built[name] = null;
                }

                restrictions = read;
            }
        }

        var entries = new List<PacketEntryDefinition>();
        bool cut = Entries(container, name, entries, [name]);
        var packet = new PacketDefinition
        {
            Name = XtceNames.Layout(name),
            Base = parent?.Packet.Name,
            Abstract = container.Bool("abstract") ?? false,
            Restrictions = restrictions,
            Entries = entries,
            Description = (string?)container.Attribute("shortDescription") ?? container.Text("LongDescription"),
        };
        _packets.Add(packet);
        if (cut)
        {
            Report.Approximated(XmlSource.Where(container), "SequenceContainer", name, $"cut short after {entries.Count} fields (see the dropped entries)");
        }
        else
        {
            Report.Imported(XmlSource.Where(container), "SequenceContainer", name, $"{entries.Count} fields{(restrictions.Count > 0 ? $", identified by {string.Join(" and ", restrictions.Select(r => $"{r.Parameter} {r.Operator} {r.Value.ToString(CultureInfo.InvariantCulture)}"))}" : "")}");
        }

        return _built[name] = new Layout(packet, [.. parent?.PathNames ?? [], .. entries.Select(e => e.Parameter)]);
    }

    /// <summary>Appends a container's entries (container references inlined); true when it had to stop early.</summary>
    private bool Entries(XElement container, string name, List<PacketEntryDefinition> entries, List<string> inlining)
    {
        XElement? list = container.Child("EntryList");
        coverage.Read(list);
        int gap = 0;
        bool cut = false;
        foreach (XElement entry in list?.Elements() ?? [])
        {
            if (cut)
            {
                coverage.Drop(entry, (string?)entry.Attribute("parameterRef") ?? (string?)entry.Attribute("containerRef"), "it follows an entry whose size is unknown");
                continue;
            }

            cut = !Entry(entry, name, entries, inlining, ref gap);
        }

        return cut;
    }

    private bool Entry(XElement entry, string name, List<PacketEntryDefinition> entries, List<string> inlining, ref int gap)
    {
        coverage.Read(entry);
        if (entry.Child("IncludeCondition") is { } condition)
        {
            coverage.Drop(entry, (string?)entry.Attribute("parameterRef"), "a conditional entry is not supported");
            return false;
        }

        if (entry.Child("LocationInContainerInBits") is { } location)
        {
            coverage.ReadAll(location);
            string reference = (string?)location.Attribute("referenceLocation") ?? "previousEntry";
            if (reference != "previousEntry" || !int.TryParse(location.Text("FixedValue"), CultureInfo.InvariantCulture, out int bits) || bits < 0)
            {
                coverage.Drop(entry, (string?)entry.Attribute("parameterRef"), $"location {reference} {location.Text("FixedValue")} is not supported (a fixed gap after the previous entry is)");
                return false;
            }

            gap += bits;
            if (gap > XtceTypeReader.MaxPacketBits)
            {
                coverage.Drop(entry, (string?)entry.Attribute("parameterRef"), $"a gap of {gap} bits is longer than any space packet");
                return false;
            }
        }

        if (entry.Child("RepeatEntry") is { } repeat)
        {
            return Repeated(entry, repeat, entries, inlining, ref gap);
        }

        switch (entry.Name.LocalName)
        {
            case "ParameterRefEntry":
                string reference = XtceNames.Reference((string?)entry.Attribute("parameterRef") ?? "");
                if (parameters.TryGetValue(reference, out ParameterDefinition? parameter))
                {
                    if (parameter.Size?.Parameter is { } counter && !entries.Any(e => e.Parameter == counter))
                    {
                        coverage.Drop(entry, reference, $"it is counted by {counter}, which is not before it in this container, so it and the fields after it cannot be placed");
                        return false;
                    }

                    entries.Add(new PacketEntryDefinition { Parameter = parameter.Name, Offset = gap });
                    gap = 0;
                    return true;
                }

                if (skipped.TryGetValue(reference, out int? size) && size is int fixedBits)
                {
                    Report.Approximated(XmlSource.Where(entry), entry.Name.LocalName, reference, $"its parameter is not imported; its {fixedBits} bits are skipped");
                    gap += fixedBits;
                    return true;
                }

                coverage.Drop(entry, reference, "its parameter is not imported and its size is unknown, so the fields after it cannot be placed");
                return false;
            case "ContainerRefEntry":
                string included = XtceNames.Reference((string?)entry.Attribute("containerRef") ?? "");
                if (!_containers.TryGetValue(included, out XElement? container) || inlining.Contains(included))
                {
                    coverage.Drop(entry, included, "the container it names is unknown or includes itself");
                    return false;
                }

                inlining.Add(included);
                int before = entries.Count;
                bool cut = Entries(container, included, entries, inlining);
                inlining.RemoveAt(inlining.Count - 1);
                if (entries.Count > before && gap > 0)
                {
                    entries[before] = entries[before] with { Offset = entries[before].Offset + gap };
                    gap = 0;
                }

                Report.Imported(XmlSource.Where(entry), entry.Name.LocalName, included, $"its {entries.Count - before} fields inlined into {name}");
                return !cut;
            default:
                coverage.Drop(entry, (string?)entry.Attribute("parameterRef") ?? (string?)entry.Attribute("containerRef"), $"{entry.Name.LocalName} is not supported, so the fields after it cannot be placed");
                return false;
        }
    }

    /// <summary>
    /// A RepeatEntry as a repeated group: a container's entries (or one parameter) repeated as many times as an
    /// earlier parameter of this container says; any other count, or fields of no fixed size, stop the layout here.
    /// </summary>
    private bool Repeated(XElement entry, XElement repeat, List<PacketEntryDefinition> entries, List<string> inlining, ref int gap)
    {
        string what = (string?)entry.Attribute("parameterRef") ?? (string?)entry.Attribute("containerRef") ?? "";
        XElement? dynamic = repeat.Child("Count")?.Child("DynamicValue");
        string? count = dynamic?.Child("ParameterInstanceRef")?.Attribute("parameterRef") is { } reference ? XtceNames.Reference(reference.Value) : null;
        if (count is null || dynamic!.Child("LinearAdjustment") is not null || repeat.Child("Offset") is not null)
        {
            coverage.Drop(entry, what, "a repeat count other than an earlier parameter's value is not supported, so the fields after it cannot be placed");
            return false;
        }

        if (!(parameters.TryGetValue(count, out ParameterDefinition? counter) && entries.Any(e => e.Parameter == counter.Name)))
        {
            coverage.Drop(entry, what, $"it is repeated {count} times, which is not a field before it in this container, so it and the fields after it cannot be placed");
            return false;
        }

        var members = new List<PacketEntryDefinition>();
        string group;
        if (entry.Name.LocalName == "ContainerRefEntry")
        {
            group = XtceNames.Reference(what);
            if (!_containers.TryGetValue(group, out XElement? container) || inlining.Contains(group) || Entries(container, group, members, [.. inlining, group]))
            {
                coverage.Drop(entry, group, "the container it repeats is unknown, includes itself or cannot be read whole");
                return false;
            }

            coverage.Read(container);
        }
        else
        {
            group = XtceNames.Reference(what);
            if (!parameters.ContainsKey(group))
            {
                coverage.Drop(entry, group, "its parameter is not imported, so the fields after it cannot be placed");
                return false;
            }

            members.Add(new PacketEntryDefinition { Parameter = parameters[group].Name });
        }

        var imported = parameters.Values.DistinctBy(p => p.Name).ToDictionary(p => p.Name, StringComparer.Ordinal);
        if (members.Count == 0 || members.Any(m => m.Group is not null || !imported.TryGetValue(m.Parameter, out ParameterDefinition? p) || Dictionary.FieldType.Parse(p.Type).IsVariable))
        {
            coverage.Drop(entry, group, "a repeated group is imported only with fields of a fixed size, none repeated again");
            return false;
        }

        coverage.ReadAll(repeat);
        entries.Add(new PacketEntryDefinition { Group = XtceNames.Layout(group), Count = counter.Name, Fields = members, Offset = gap });
        gap = 0;
        Report.Imported(XmlSource.Where(entry), entry.Name.LocalName, group, $"a group of {members.Count} fields repeated {count} times");
        return true;
    }
}
