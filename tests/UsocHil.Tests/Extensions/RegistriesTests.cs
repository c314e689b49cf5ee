using UsocHil.Configuration;
using UsocHil.Description;
using UsocHil.Extensions;
using UsocHil.Registration;
using UsocHil.Rigs;

namespace UsocHil.Tests.Extensions;

/// <summary>One place for every extension point: the built-ins, an extension registering into it, and extension assemblies a station names.</summary>
public sealed class RegistriesTests
{
    [Test]
    public void The_default_registries_hold_the_built_ins_and_no_emulator_or_sink()
    {
        Registries registries = Registries.CreateDefault();

        Assert.That(registries.Protocols.Names, Is.EqualTo(new[] { "pus" }));
        Assert.That(registries.Links.Names, Is.EqualTo(new[] { "serial", "tcp", "udp" }));
        Assert.That(registries.Gpio.Names, Is.EqualTo(new[] { "libgpiod", "pigpio", "sim" }));
        Assert.That(registries.Checks.Names, Does.Contain("dynamics"));
        Assert.That(registries.Steps.Names, Does.Contain("verify"));
        Assert.That(registries.Emulators.Names, Is.Empty);
        Assert.That(registries.Sinks.Names, Is.Empty);
    }

    [Test]
    public void An_extension_registering_a_built_in_name_is_refused()
    {
        Assert.That(() => Registries.CreateDefault().Use(new TestLineExtension()).Use(new TestLineExtension()),
            Throws.TypeOf<RegistrationException>().With.Message.EqualTo("a payload protocol named 'unit-test-line' is already registered"));
    }

    [Test]
    public void A_station_s_extension_assembly_is_loaded_and_registers_its_protocol()
    {
        using var station = new StationWith(typeof(RegistriesTests).Assembly.Location);

        Registries registries = ExtensionAssemblies.LoadInto(Registries.CreateDefault(), station.Loaded);

        Assert.That(registries.Protocols.Names, Does.Contain("unit-test-line"));
    }

    [Test]
    public void An_assembly_with_no_extension_is_a_problem_naming_the_station_file_and_entry()
    {
        using var station = new StationWith(typeof(Newtonsoft.Json.JsonConvert).Assembly.Location);

        var e = Assert.Throws<ConfigurationException>(() => ExtensionAssemblies.LoadInto(Registries.CreateDefault(), station.Loaded));

        ConfigurationProblem problem = e!.Problems.Single();
        Assert.That(problem.File, Is.EqualTo(station.Loaded.File));
        Assert.That(problem.JsonPath, Is.EqualTo("$.extensions[0]"));
        Assert.That(problem.Line, Is.EqualTo(1));
        Assert.That(problem.Message, Does.EndWith("the assembly has no public class implementing IHarnessExtension"));
    }

    private sealed class StationWith : IDisposable
    {
        private readonly string _directory = TestDirectories.Create("extensions");

        public StationWith(string assembly)
        {
            string file = Path.Combine(_directory, "rig-config.json");
            File.WriteAllText(file, $$"""{ "extensions": ["{{assembly}}"], "rigs": {} }""");
            Loaded = new LoadedStation(file, "", new StationConfig { Rigs = new Dictionary<string, RigBinding>(), Extensions = [assembly] }, new Dictionary<string, LoadedRig>());
        }

        public LoadedStation Loaded { get; }

        public void Dispose() => Directory.Delete(_directory, recursive: true);
    }
}

/// <summary>An extension as a bench would write one; <see cref="RegistriesTests"/> loads this assembly as a station's extension.</summary>
public sealed class TestLineExtension : IHarnessExtension
{
    public void Register(Registries registries) =>
        registries.Protocols.Add("unit-test-line", _ => throw new NotSupportedException("registered only"));
}
