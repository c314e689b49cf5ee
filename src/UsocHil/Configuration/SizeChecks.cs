using Newtonsoft.Json.Linq;
using UsocHil.Description;
using UsocHil.Dictionary;

namespace UsocHil.Configuration;

/// <summary>
/// A <c>string</c> or <c>bytes</c> without a fixed size needs a <c>size</c> that says one way how long it is; a
/// terminator ends text only; a counting field is an integer parameter; a fixed-size type takes no <c>size</c>.
/// </summary>
internal static class SizeChecks
{
    public static IEnumerable<ConfigurationProblem> Check(string file, JToken document, RigDictionary dictionary)
    {
        var byName = dictionary.Parameters.GroupBy(p => p.Name, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        for (int i = 0; i < dictionary.Parameters.Count; i++)
        {
            ParameterDefinition parameter = dictionary.Parameters[i];
            if (!FieldType.TryParse(parameter.Type, out FieldType type))
            {
                continue;
            }

            string at = $"dictionary.parameters[{i}].size";
            if (!type.IsVariable)
            {
                if (parameter.Size is not null)
                {
                    yield return RigChecks.At(file, document, at, $"'{parameter.Name}' is a {parameter.Type}, whose size is fixed: write 'string' or 'bytes' for one the packet says");
                }

                continue;
            }

            if (parameter.Size is not { } size)
            {
                yield return RigChecks.At(file, document, $"dictionary.parameters[{i}].type",
                    $"'{parameter.Name}' is a {parameter.Type} without a size: add \"size\": {{ \"prefix\": 8 | \"terminator\": 0 | \"parameter\": NAME }}, or write {parameter.Type}N for N octets");
                continue;
            }

            int ways = (size.Prefix is null ? 0 : 1) + (size.Terminator is null ? 0 : 1) + (size.Parameter is null ? 0 : 1);
            if (ways != 1)
            {
                yield return RigChecks.At(file, document, at, $"'{parameter.Name}' says its size {(ways == 0 ? "no" : $"{ways}")} ways: give one of prefix, terminator or parameter");
            }
            else if (size.Prefix is < 1 or > 32)
            {
                yield return RigChecks.At(file, document, $"{at}.prefix", $"'{parameter.Name}''s leading count of {size.Prefix} bits: 1 to 32");
            }
            else if (size.Terminator is int terminator && (type.Kind != FieldKind.Text || terminator is < 0 or > 255))
            {
                yield return RigChecks.At(file, document, $"{at}.terminator", type.Kind != FieldKind.Text
                    ? $"'{parameter.Name}' is octets, which any value may end: a terminator ends only a string"
                    : $"'{parameter.Name}''s terminator {terminator} is not an octet (0 to 255)");
            }
            else if (size.Parameter is { } counter && !(byName.TryGetValue(counter, out ParameterDefinition? counting)
                && FieldType.TryParse(counting.Type, out FieldType countType) && countType.Kind is FieldKind.Unsigned or FieldKind.Signed && counting.Name != parameter.Name))
            {
                yield return RigChecks.At(file, document, $"{at}.parameter", counting is null
                    ? $"'{parameter.Name}' is counted by '{counter}', which is not a parameter"
                    : $"'{parameter.Name}' is counted by '{counter}', which is not an integer field");
            }

            if (size.Max is < 1)
            {
                yield return RigChecks.At(file, document, $"{at}.max", $"'{parameter.Name}''s maximum of {size.Max} octets: at least 1");
            }
        }
    }
}
