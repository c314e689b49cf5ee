using Newtonsoft.Json.Linq;
using UsocHil.Description;

namespace UsocHil.Configuration;

/// <summary>A station binding must name only links, instruments and GPIO lines the rig has, and bind all of them unless emulated.</summary>
internal static class BindingChecks
{
    public static IEnumerable<ConfigurationProblem> Check(string file, JProperty entry, RigDefinition rig, RigBinding binding)
    {
        string root = "rigs." + entry.Name;
        JToken document = entry.Root;
        foreach (string link in binding.Links.Keys.Where(k => rig.Links.All(l => l.Name != k)))
        {
            yield return RigChecks.At(file, document, $"{root}.links.{link}", $"rig {rig.Name} has no link '{link}'");
        }

        foreach (string instrument in binding.Instruments.Keys.Where(k => rig.Instruments.All(i => i.Name != k)))
        {
            yield return RigChecks.At(file, document, $"{root}.instruments.{instrument}", $"rig {rig.Name} has no instrument '{instrument}'");
        }

        foreach (var (kind, endpoints) in new[] { ("links", binding.Links), ("instruments", binding.Instruments) })
        {
            foreach (var (name, endpoint) in endpoints)
            {
                int named = (endpoint.Serial is null ? 0 : 1) + (endpoint.Tcp is null ? 0 : 1) + (endpoint.Udp is null ? 0 : 1) + (endpoint.Kind is null ? 0 : 1);
                if (named != 1)
                {
                    yield return RigChecks.At(file, document, $"{root}.{kind}.{name}", $"an endpoint needs exactly one of serial, tcp, udp or kind (found {named})");
                }
            }
        }

        foreach (string line in (binding.Gpio?.Pins.Keys ?? []).Where(k => rig.Gpio.All(g => g.Name != k)))
        {
            yield return RigChecks.At(file, document, $"{root}.gpio.pins.{line}", $"rig {rig.Name} has no GPIO line '{line}'");
        }

        if (binding.Emulated)
        {
            yield break;
        }

        foreach (LinkDefinition link in rig.Links.Where(l => !binding.Links.ContainsKey(l.Name)))
        {
            yield return RigChecks.At(file, document, root, $"link '{link.Name}' is not bound (give links.{link.Name}, or \"emulated\": true)");
        }

        foreach (InstrumentDefinition instrument in rig.Instruments.Where(i => !binding.Instruments.ContainsKey(i.Name)))
        {
            yield return RigChecks.At(file, document, root, $"instrument '{instrument.Name}' is not bound (give instruments.{instrument.Name})");
        }

        if (rig.Gpio.Count > 0 && binding.Gpio is null)
        {
            yield return RigChecks.At(file, document, root, "GPIO lines are not bound (give gpio with a binding: libgpiod, pigpio or sim)");
        }
    }
}
