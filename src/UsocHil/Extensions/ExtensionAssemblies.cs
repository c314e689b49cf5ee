using System.Reflection;
using System.Runtime.Loader;
using Newtonsoft.Json.Linq;
using UsocHil.Configuration;
using UsocHil.Registration;

namespace UsocHil.Extensions;

/// <summary>
/// Loads the extension assemblies a station file names, each in its own load context (its own dependencies resolved
/// beside it; UsocHil itself shared with the host), and lets each extension class register. A file that is not an
/// assembly, or has no extension class, is a problem naming the station file and the entry.
/// </summary>
public static class ExtensionAssemblies
{
    /// <exception cref="ConfigurationException">An entry cannot be loaded, or offers no <see cref="IHarnessExtension"/>.</exception>
    public static Registries LoadInto(Registries registries, LoadedStation station)
    {
        var problems = new List<ConfigurationProblem>();
        IReadOnlyList<string> files = station.ExtensionFiles;
        for (int i = 0; i < files.Count; i++)
        {
            string? problem = Load(registries, files[i]);
            if (problem is not null)
            {
                problems.Add(new ConfigurationProblem(station.File, $"$.extensions[{i}]", LineOf(station.File, i), $"'{station.Config.Extensions[i]}': {problem}"));
            }
        }

        return problems.Count > 0 ? throw new ConfigurationException(problems) : registries;
    }

    private static string? Load(Registries registries, string file)
    {
        Assembly assembly;
        try
        {
            var context = new AssemblyLoadContext($"usoc-hil extension {Path.GetFileName(file)}");
            var resolver = new AssemblyDependencyResolver(file);
            context.Resolving += (c, name) => resolver.ResolveAssemblyToPath(name) is { } path ? c.LoadFromAssemblyPath(path) : null;
            assembly = context.LoadFromAssemblyPath(file);
        }
        catch (Exception e) when (e is BadImageFormatException or FileLoadException or FileNotFoundException or IOException)
        {
            return $"not a .NET assembly that can be loaded ({e.Message})";
        }

        Type[] extensions;
        try
        {
            extensions = [.. assembly.GetExportedTypes().Where(t => typeof(IHarnessExtension).IsAssignableFrom(t) && t is { IsAbstract: false, IsInterface: false })];
        }
        catch (Exception e) when (e is ReflectionTypeLoadException or FileNotFoundException or FileLoadException or TypeLoadException)
        {
            return $"its types cannot be loaded ({e.Message})";
        }

        if (extensions.Length == 0)
        {
            return $"the assembly has no public class implementing {nameof(IHarnessExtension)}";
        }

        foreach (Type type in extensions)
        {
            if (type.GetConstructor(Type.EmptyTypes) is null)
            {
                return $"{type.FullName} has no public parameterless constructor";
            }

            try
            {
                registries.Use((IHarnessExtension)Activator.CreateInstance(type)!);
            }
            catch (RegistrationException e)
            {
                return $"{type.FullName}: {e.Message}";
            }
        }

        return null;
    }

    private static int LineOf(string stationFile, int index)
    {
        try
        {
            return ConfigurationFileReader.LineOf(ConfigurationFileReader.Parse(stationFile, stationFile)["extensions"]?[index]);
        }
        catch (ConfigurationException)
        {
            return 0;
        }
    }
}
