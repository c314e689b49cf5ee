using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using UsocHil.Description;
using UsocHil.Interop;

namespace UsocHil.Configuration;

/// <summary>
/// Does System.Text.Json's part of loading the station on a thread of its own, while the command line is parsed and
/// the files are read by Json.NET and admitted: its first use in the process (generated metadata for every type the
/// files hold, then its reader's first run) took 35–40 ms of <c>config validate</c>'s main thread
/// (docs/PERFORMANCE.md, figure 13). Given the station file, it reads the station and the rigs it names into their
/// typed form, and a typed read of the same text on the main thread takes that instead of reading it again; without
/// it, it builds the readers. A typed read waits for its own type's work; a machine with no idle core gains nothing
/// and loses little (the same work, on another thread). What the preparation cannot read, the main thread reads and
/// reports as before.
/// </summary>
internal sealed class TypedReadPreparation
{
    private static readonly Type[] Prepared = [typeof(StationConfig), typeof(RigDefinition)];
    private static TypedReadPreparation? s_current;

    private readonly ConcurrentDictionary<string, object> _readByText = new(StringComparer.Ordinal);
    private readonly ManualResetEventSlim[] _ready = Prepared.Select(_ => new ManualResetEventSlim()).ToArray();
    private readonly string? _stationFile;
    private int _rigsClaimed;

    /// <param name="stationFile">The station file the command will load; null when not known yet.</param>
    internal TypedReadPreparation(string? stationFile)
    {
        _stationFile = stationFile;
    }

    /// <summary>Starts the preparation on a thread of its own; once per process, later calls do nothing.</summary>
    /// <param name="stationFile">The station file the command will load; null when not known yet.</param>
    public static void Start(string? stationFile = null)
    {
        var preparation = new TypedReadPreparation(stationFile);
        if (Interlocked.CompareExchange(ref s_current, preparation, null) is null)
        {
            new Thread(preparation.Build) { IsBackground = true, Name = "typed readers" }.Start();
        }
    }

    /// <summary>Returns once <typeparamref name="T"/>'s work is done, if <see cref="Start"/> is doing it.</summary>
    public static void WaitFor<T>() => Volatile.Read(ref s_current)?.WaitForOwn<T>();

    /// <summary>The typed form the preparation read from this same text, handed out once.</summary>
    public static bool TryTake<T>(string text, [MaybeNullWhen(false)] out T typed)
    {
        typed = default;
        return Volatile.Read(ref s_current) is { } current && current.TryTakeOwn(text, out typed);
    }

    internal void WaitForOwn<T>()
    {
        int index = Array.IndexOf(Prepared, typeof(T));
        if (index >= 0)
        {
            _ready[index].Wait();
        }
    }

    internal bool TryTakeOwn<T>(string text, [MaybeNullWhen(false)] out T typed)
    {
        if (_readByText.TryGetValue(text, out object? read) && read is T candidate && _readByText.TryRemove(KeyValuePair.Create(text, read)))
        {
            typed = candidate;
            return true;
        }

        typed = default;
        return false;
    }

    /// <summary>The preparation's work, on whichever thread runs it.</summary>
    internal void Build()
    {
        var seen = new HashSet<Type>();
        StationConfig? station = null;
        Prepare(_ready[0], () =>
        {
            if (_stationFile is null)
            {
                Configure(typeof(StationConfig), seen);
                return;
            }

            station = Read<StationConfig>(TextOf(_stationFile));
        });
        if (!ClaimRigs())
        {
            return; // the main thread came to the rigs first and reads them itself
        }

        Prepare(_ready[1], () =>
        {
            if (station is null)
            {
                Configure(typeof(RigDefinition), seen);
                return;
            }

            foreach (string rigFile in RigFiles(_stationFile!, station))
            {
                Prepare(null, () => Read<RigDefinition>(TextOf(rigFile)));
            }
        });
    }

    /// <summary>
    /// Reads these rig files' texts into their typed form on the calling thread, unless the preparation has begun the
    /// rigs: the main thread has admitted them while the station's typed read may still be under way, and two threads
    /// share the work that one did in turn (figure 13 of docs/PERFORMANCE.md).
    /// </summary>
    public static void ReadRigsHere(IEnumerable<string> texts) => Volatile.Read(ref s_current)?.ReadRigsOwn(texts);

    internal void ReadRigsOwn(IEnumerable<string> texts)
    {
        if (!ClaimRigs())
        {
            return;
        }

        Prepare(_ready[1], () =>
        {
            foreach (string text in texts)
            {
                Prepare(null, () => Read<RigDefinition>(text));
            }
        });
    }

    /// <summary>True for the one thread that is to read the rigs.</summary>
    private bool ClaimRigs() => Interlocked.Exchange(ref _rigsClaimed, 1) == 0;

    private static void Prepare(ManualResetEventSlim? ready, Action work)
    {
        try
        {
            work();
        }
        catch (Exception)
        {
            // The main thread meets the same problem and reports it.
        }
        finally
        {
            ready?.Set();
        }
    }

    private static string TextOf(string file) => BoundedFile.ReadAllText(file, ConfigurationFileReader.MaxFileBytes);

    private T? Read<T>(string text)
        where T : class
    {
        if (JsonSerializer.Deserialize<T>(text, ConfigurationFileReader.SerializerOptions) is { } typed)
        {
            _readByText[text] = typed;
            return typed;
        }

        return null;
    }

    /// <summary>Where <see cref="StationLoader"/> will look for each rig the station names.</summary>
    private static IEnumerable<string> RigFiles(string stationFile, StationConfig station) =>
        StationLoader.LoadableRigFiles(Path.GetFullPath(stationFile), station.RigsDirectory, station.Rigs.Keys);

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
