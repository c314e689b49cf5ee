using UsocHil.Protocols.Pus.Services;

namespace UsocHil.Protocols.Pus;

/// <summary>
/// A telecommand waiting for its verification reports; completed from the reader loop. The stages complete
/// synchronously: the waiting command resumes on the thread that read its report (a link's reader) without a
/// thread-pool hop, which is half the round trip on a busy machine.
/// </summary>
internal sealed class PendingCommand(Telecommand telecommand, string name)
{
    public Telecommand Telecommand { get; } = telecommand;

    public string Name { get; } = name;

    public TaskCompletionSource<VerificationReport> Acceptance { get; } = new();

    public TaskCompletionSource<VerificationReport> Completion { get; } = new();

    public void Report(VerificationReport report)
    {
        switch (report.Stage)
        {
            case VerificationStage.Acceptance:
                Acceptance.TrySetResult(report);
                if (!report.Success)
                {
                    Completion.TrySetResult(report);
                }

                break;
            case VerificationStage.Completion:
                Acceptance.TrySetResult(report);
                Completion.TrySetResult(report);
                break;
            default:
                if (!report.Success)
                {
                    Acceptance.TrySetResult(report);
                    Completion.TrySetResult(report);
                }

                break;
        }
    }

    public void Fail(Exception error)
    {
        Acceptance.TrySetException(error);
        Completion.TrySetException(error);
    }
}
