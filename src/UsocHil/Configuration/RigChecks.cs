using Newtonsoft.Json.Linq;
using UsocHil.Description;
using UsocHil.Protocols.Pus;
using UsocHil.Rigs;

namespace UsocHil.Configuration;

/// <summary>Cross-references inside a rig.json: unique names and IDs, limits and structures naming known parameters.</summary>
internal static class RigChecks
{
    public static IEnumerable<ConfigurationProblem> Check(string file, JToken document, RigDefinition rig)
    {
        RigDictionary dictionary = rig.Dictionary;
        var parameterNames = dictionary.Parameters.Select(p => p.Name).ToHashSet(StringComparer.Ordinal);

        foreach (var problem in Duplicates(file, document, "dictionary.parameters", dictionary.Parameters.Select(p => p.Name), "parameter name"))
        {
            yield return problem;
        }

        foreach (var problem in Duplicates(file, document, "dictionary.parameters", dictionary.Parameters.Select(p => p.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)), "parameter id"))
        {
            yield return problem;
        }

        foreach (var problem in Duplicates(file, document, "dictionary.commands", dictionary.Commands.Select(c => c.Name), "command name"))
        {
            yield return problem;
        }

        foreach (var problem in Duplicates(file, document, "gpio", rig.Gpio.Select(g => g.Name), "GPIO line"))
        {
            yield return problem;
        }

        if (ProfileProblem(rig.Profile) is string profileProblem)
        {
            yield return At(file, document, "profile", profileProblem);
        }

        for (int s = 0; s < dictionary.Housekeeping.Count; s++)
        {
            for (int p = 0; p < dictionary.Housekeeping[s].Parameters.Count; p++)
            {
                string name = dictionary.Housekeeping[s].Parameters[p];
                if (!parameterNames.Contains(name))
                {
                    string path = $"dictionary.housekeeping[{s}].parameters[{p}]";
                    yield return At(file, document, path, $"unknown parameter '{name}'");
                }
            }
        }

        foreach (var problem in LimitChecks.Check(file, document, rig.Limits, parameterNames))
        {
            yield return problem;
        }

        foreach (ConsistencyExpectation consistency in rig.Expectations?.Consistency ?? [])
        {
            foreach (string name in consistency.Parameters.Where(n => !parameterNames.Contains(n)))
            {
                yield return At(file, document, "expectations.consistency", $"'{consistency.Name}' names unknown parameter '{name}'");
            }
        }

        var commandNames = dictionary.Commands.Select(c => c.Name).ToHashSet(StringComparer.Ordinal);
        for (int i = 0; i < rig.Safing.Commands.Count; i++)
        {
            if (!commandNames.Contains(rig.Safing.Commands[i]))
            {
                yield return At(file, document, $"safing.commands[{i}]", $"unknown command '{rig.Safing.Commands[i]}'");
            }
        }

        foreach (var problem in PacketChecks.Check(file, document, dictionary))
        {
            yield return problem;
        }

        foreach (var problem in ThermocoupleChecks.Check(file, document, dictionary))
        {
            yield return problem;
        }

        foreach (var problem in TimeChecks.Check(file, document, dictionary))
        {
            yield return problem;
        }

        foreach (var problem in BlockChecks.Check(file, document, rig))
        {
            yield return problem;
        }

        foreach (var problem in SizeChecks.Check(file, document, dictionary))
        {
            yield return problem;
        }

        foreach (var problem in SessionWords(file, document, rig))
        {
            yield return problem;
        }

        for (int i = 0; i < rig.Display.Parameters.Count; i++)
        {
            if (!parameterNames.Contains(rig.Display.Parameters[i]))
            {
                yield return At(file, document, $"display.parameters[{i}]", $"unknown parameter '{rig.Display.Parameters[i]}'");
            }
        }

        if (rig.Expectations?.Dynamics is { } dynamics && !parameterNames.Contains(dynamics.Parameter))
        {
            yield return At(file, document, "expectations.dynamics.parameter", $"unknown parameter '{dynamics.Parameter}'");
        }
    }

    /// <summary>The session's heartbeat and boot event are the payload's words: they must be in its dictionary.</summary>
    private static IEnumerable<ConfigurationProblem> SessionWords(string file, JToken document, RigDefinition rig)
    {
        if (rig.Session.Heartbeat is { } heartbeat)
        {
            CommandDefinition? command = rig.Dictionary.Commands.FirstOrDefault(c => c.Name == heartbeat.Command);
            if (command is null)
            {
                yield return At(file, document, "session.heartbeat.command", $"unknown command '{heartbeat.Command}'");
            }
            else if (command.Arguments.Count > 0)
            {
                yield return At(file, document, "session.heartbeat.command", $"the heartbeat command '{heartbeat.Command}' takes arguments; a heartbeat is sent without any");
            }
        }

        if (rig.Session.BootEvent is { } boot && !rig.Dictionary.Events.Any(e => e.Name == boot))
        {
            yield return At(file, document, "session.bootEvent", $"unknown event '{boot}'");
        }
    }

    private static IEnumerable<ConfigurationProblem> Duplicates(string file, JToken document, string path, IEnumerable<string> keys, string what)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        int index = 0;
        foreach (string key in keys)
        {
            if (!seen.Add(key))
            {
                yield return At(file, document, $"{path}[{index}]", $"duplicate {what} '{key}'");
            }

            index++;
        }
    }

    internal static ConfigurationProblem At(string file, JToken document, string path, string message) =>
        new(file, "$." + path, ConfigurationFileReader.LineOf(document.SelectToken(path)), message);

    /// <summary>What the schema cannot see in a profile (an agency epoch that is no date, say), as the codec would refuse it.</summary>
    private static string? ProfileProblem(MissionProfile profile)
    {
        try
        {
            _ = new PusLayout(profile);
            return null;
        }
        catch (ArgumentException e)
        {
            return e.Message.Split(" (Parameter")[0];
        }
    }
}
