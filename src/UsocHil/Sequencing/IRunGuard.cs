namespace UsocHil.Sequencing;

/// <summary>
/// A condition a run needs from before its rig is touched until it ends, such as the operator's booking of the rig at a
/// federated station. <see cref="AdmitAsync"/> refuses with <see cref="RunRefusedException"/>; once admitted, the guard
/// calls <c>lost</c> when the condition no longer holds, and the run is stopped through safing. Disposing the admission
/// ends the guard's watch.
/// </summary>
public interface IRunGuard
{
    Task<IAsyncDisposable> AdmitAsync(string rig, string operatorName, Action<string> lost, CancellationToken cancellationToken);
}
