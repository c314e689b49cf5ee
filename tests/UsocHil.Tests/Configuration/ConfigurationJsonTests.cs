using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using UsocHil.Configuration;
using UsocHil.Description;
using UsocHil.Testing;

namespace UsocHil.Tests.Configuration;

/// <summary>
/// The generated readers of station and rig files read exactly what the reflection-based reader read: every default a
/// file may leave out, and the shipped files whole.
/// </summary>
public sealed class ConfigurationJsonTests
{
    /// <summary>The configuration's serializer options read by reflection instead of the generated readers.</summary>
    internal static readonly JsonSerializerOptions Reflection = new(ConfigurationFileReader.SerializerOptions)
    {
        TypeInfoResolver = new DefaultJsonTypeInfoResolver(),
    };

    [Test]
    public void EveryTypeRead_FromAnEmptyObject_KeepsTheDefaultsReflectionKept()
    {
        // `required` off on both sides, so that `{}` reaches every property a file may leave out.
        var generated = new JsonSerializerOptions(ConfigurationFileReader.SerializerOptions)
        {
            TypeInfoResolver = ConfigurationJson.Default.WithAddedModifier(NothingRequired),
        };
        var reflection = new JsonSerializerOptions(Reflection) { TypeInfoResolver = new DefaultJsonTypeInfoResolver().WithAddedModifier(NothingRequired) };
        var objectTypes = ObjectTypesReachedFrom([typeof(StationConfig), typeof(RigBinding), typeof(RigDefinition)], generated);

        Assert.That(objectTypes, Has.Count.GreaterThan(30), "the walk should reach every nested definition");
        Assert.Multiple(() =>
        {
            foreach (Type type in objectTypes)
            {
                string fromGenerated = JsonSerializer.Serialize(JsonSerializer.Deserialize("{}", type, generated), type, Reflection);
                string fromReflection = JsonSerializer.Serialize(JsonSerializer.Deserialize("{}", type, reflection), type, Reflection);
                Assert.That(fromGenerated, Is.EqualTo(fromReflection), type.Name);
            }
        });
    }

    [Test]
    public void ShippedStationAndRigs_ReadAsReflectionReadThem()
    {
        var files = new List<(string File, Type Type)> { (RepositoryPaths.StationFile, typeof(StationConfig)) };
        files.AddRange(Directory.GetDirectories(RepositoryPaths.Rigs).Select(rig => (Path.Combine(rig, "rig.json"), typeof(RigDefinition))));
        Assert.That(files, Has.Count.GreaterThanOrEqualTo(3));
        foreach ((string file, Type type) in files)
        {
            string text = File.ReadAllText(file);
            string fromGenerated = JsonSerializer.Serialize(JsonSerializer.Deserialize(text, type, ConfigurationFileReader.SerializerOptions), type, Reflection);
            string fromReflection = JsonSerializer.Serialize(JsonSerializer.Deserialize(text, type, Reflection), type, Reflection);
            Assert.That(fromGenerated, Is.EqualTo(fromReflection), file);
        }
    }

    private static void NothingRequired(JsonTypeInfo typeInfo)
    {
        foreach (JsonPropertyInfo property in typeInfo.Properties)
        {
            property.IsRequired = false;
        }
    }

    private static List<Type> ObjectTypesReachedFrom(IEnumerable<Type> roots, JsonSerializerOptions options)
    {
        var seen = new HashSet<Type>();
        var objects = new List<Type>();
        var pending = new Queue<Type>(roots);
        while (pending.TryDequeue(out Type? type))
        {
            type = Nullable.GetUnderlyingType(type) ?? type;
            if (!seen.Add(type))
            {
                continue;
            }

            JsonTypeInfo info = options.GetTypeInfo(type);
            if (info.Kind == JsonTypeInfoKind.Object)
            {
                objects.Add(type);
            }

            foreach (Type next in info.Properties.Select(p => p.PropertyType).Append(info.ElementType).Append(info.KeyType).OfType<Type>())
            {
                pending.Enqueue(next);
            }
        }

        return objects;
    }
}
