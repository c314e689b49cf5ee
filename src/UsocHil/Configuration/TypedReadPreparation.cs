using System.Text.Json.Serialization.Metadata;
using UsocHil.Description;

namespace UsocHil.Configuration;

/// <summary>
/// Builds System.Text.Json's readers of the station and rig types on a thread of their own while the command line is
/// parsed and the station file is read by Json.NET and admitted. Building them (generated metadata for every type the
/// files hold, on System.Text.Json's first use in the process) took 35–40 ms of <c>config validate</c>'s main thread
/// (docs/PERFORMANCE.md, figure 13). A typed read waits for its own type's reader, the one it would have built itself;
/// a machine with no idle core gains nothing and loses little (the same work, on another thread).
/// </summary>
internal static class TypedReadPreparation
{
    private static readonly Type[] Prepared = [typeof(StationConfig), typeof(RigDefinition)];
    private static ManualResetEventSlim[]? s_ready;

    /// <summary>Starts building the readers; once per process, later calls do nothing.</summary>
    public static void Start()
    {
        var ready = Prepared.Select(_ => new ManualResetEventSlim()).ToArray();
        if (Interlocked.CompareExchange(ref s_ready, ready, null) is not null)
        {
            return;
        }

        new Thread(() => Build(ready)) { IsBackground = true, Name = "typed readers" }.Start();
    }

    /// <summary>Returns once <typeparamref name="T"/>'s reader is built, if <see cref="Start"/> is building it.</summary>
    public static void WaitFor<T>()
    {
        int index = Array.IndexOf(Prepared, typeof(T));
        if (index >= 0 && Volatile.Read(ref s_ready) is { } ready)
        {
            ready[index].Wait();
        }
    }

    private static void Build(ManualResetEventSlim[] ready)
    {
        var seen = new HashSet<Type>();
        for (int i = 0; i < Prepared.Length; i++)
        {
            try
            {
                Configure(Prepared[i], seen);
            }
            catch (Exception)
            {
                // The typed read on the main thread meets the same problem and reports it.
            }
            finally
            {
                ready[i].Set();
            }
        }
    }

    /// <summary>Every type the file may hold is configured (a type's own reader is built lazily, at its first value).</summary>
    private static void Configure(Type type, HashSet<Type> seen)
    {
        if (!seen.Add(type))
        {
            return;
        }

        JsonTypeInfo info = ConfigurationFileReader.SerializerOptions.GetTypeInfo(type);
        foreach (JsonPropertyInfo property in info.Properties)
        {
            Configure(property.PropertyType, seen);
        }

        if (info.ElementType is { } element)
        {
            Configure(element, seen);
        }

        if (info.KeyType is { } key)
        {
            Configure(key, seen);
        }
    }
}
