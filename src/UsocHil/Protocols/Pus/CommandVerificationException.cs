using UsocHil.Protocols.Pus.Services;

namespace UsocHil.Protocols.Pus;

/// <summary>A telecommand whose service 1 verification did not end in success.</summary>
public abstract class CommandVerificationException(uint requestId, VerificationStage stage, string message) : Exception(message)
{
    /// <summary>Packet ID and sequence control of the telecommand, as the reports echo them.</summary>
    public uint RequestId { get; } = requestId;

    public VerificationStage Stage { get; } = stage;
}

/// <summary>The payload reported a failure (TM[1,2], [1,4], [1,6] or [1,8]) with its failure code.</summary>
public sealed class CommandFailedException(uint requestId, VerificationStage stage, ushort failureCode, string? failureName, ReadOnlyMemory<byte> failureData, string command)
    : CommandVerificationException(requestId, stage,
        $"{command} (request {requestId:X8}) failed at {stage.ToString().ToLowerInvariant()}: failure code {failureCode}{(failureName is null ? "" : " " + failureName)}{(failureData.IsEmpty ? "" : $", data {Convert.ToHexString(failureData.Span)}")}")
{
    public ushort FailureCode { get; } = failureCode;

    /// <summary>The failure code's name in the rig dictionary, when it has one.</summary>
    public string? FailureName { get; } = failureName;

    public ReadOnlyMemory<byte> FailureData { get; } = failureData;
}

/// <summary>No report for a stage the telecommand asked for arrived within its time.</summary>
public sealed class CommandTimeoutException(uint requestId, VerificationStage stage, TimeSpan timeout, string command)
    : CommandVerificationException(requestId, stage,
        $"{command} (request {requestId:X8}): no {stage.ToString().ToLowerInvariant()} report within {timeout.TotalSeconds:0.###} s")
{
    public TimeSpan Timeout { get; } = timeout;
}
