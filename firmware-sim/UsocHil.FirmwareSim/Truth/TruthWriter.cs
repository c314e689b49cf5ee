using System.Text.Json;

namespace UsocHil.FirmwareSim.Truth;

/// <summary>
/// Writes <see cref="TruthRecord"/>s as JSON lines, flushed after each line so a test can read the file while the
/// emulator runs. The file is shared for reading.
/// </summary>
public sealed class TruthWriter : IDisposable
{
    public static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);

    private readonly StreamWriter _writer;
    private readonly Action<IOException>? _failed;
    private bool _disposed;

    /// <param name="failed">Told once when the file cannot take a record (disk full): the truth stops, the physics goes on.</param>
    public TruthWriter(string path, Action<IOException>? failed = null)
    {
        Path = path;
        _failed = failed;
        var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete);
        _writer = new StreamWriter(stream) { NewLine = "\n" };
    }

    public string Path { get; }

    public long Lines { get; private set; }

    public void Write(TruthRecord record) => WriteLine(record);

    /// <summary>Any emulator's record type, one JSON object per line.</summary>
    public void WriteLine<T>(T record)
    {
        if (_disposed)
        {
            return;
        }

        try
        {
            _writer.WriteLine(JsonSerializer.Serialize(record, JsonOptions));
            _writer.Flush();
            Lines++;
        }
        catch (IOException e)
        {
            Failure = e;
            Close();
            _failed?.Invoke(e);
        }
    }

    /// <summary>Why the file stopped taking records; null while it takes them.</summary>
    public IOException? Failure { get; private set; }

    public void Dispose()
    {
        Close();
    }

    private void Close()
    {
        if (!_disposed)
        {
            _disposed = true;
            try
            {
                _writer.Dispose();
            }
            catch (IOException)
            {
                // What is still buffered cannot be written either; the failure was reported when it happened.
            }
        }
    }

    /// <summary>Reads a truth file back (for tests and tools), tolerating a last line still being written.</summary>
    public static IReadOnlyList<TruthRecord> ReadAll(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var reader = new StreamReader(stream);
        var records = new List<TruthRecord>();
        while (reader.ReadLine() is { } line)
        {
            if (line.EndsWith('}') && JsonSerializer.Deserialize<TruthRecord>(line, JsonOptions) is { } record)
            {
                records.Add(record);
            }
        }

        return records;
    }
}
