using System.Security.Cryptography;
using System.Text.Json;

namespace UsocHil.Results;

/// <summary>SHA-256 (lower-case hex) over the canonical compact JSON of a run record, chained through its previous hash.</summary>
internal static class RunHash
{
    public static string Compute(RunRecord run) => Compute(run, run.Telemetry);

    /// <summary>
    /// The hash of <paramref name="run"/> with <paramref name="telemetry"/> as its samples and, when given,
    /// <paramref name="packets"/>, <paramref name="transitions"/> and <paramref name="steps"/> as its raw packets,
    /// transitions and steps, each read as it is hashed.
    /// </summary>
    public static string Compute(RunRecord run, IEnumerable<TelemetryRow> telemetry, IEnumerable<PacketRow>? packets = null,
        IEnumerable<TransitionRow>? transitions = null, IEnumerable<StepRow>? steps = null)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        using (var stream = new HashingStream(hash))
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = false, SkipValidation = false }))
        {
            RunJson.Write(writer, run, includeRecordHash: false, telemetry, packets, transitions, steps);
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    /// <summary>A write-only stream feeding a hash, so a long run's JSON is never held in memory whole.</summary>
    private sealed class HashingStream(IncrementalHash hash) : Stream
    {
        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Write(byte[] buffer, int offset, int count) => hash.AppendData(buffer, offset, count);

        public override void Write(ReadOnlySpan<byte> buffer) => hash.AppendData(buffer);

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
