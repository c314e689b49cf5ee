using UsocHil.Sequencing;

namespace UsocHil.Central;

/// <summary>A federated station's guard: no run without the operator's live booking of the rig, kept while it runs.</summary>
public sealed class CentralLeaseGuard(CentralConnection centre, TimeProvider wall) : IRunGuard
{
    public async Task<IAsyncDisposable> AdmitAsync(string rig, string operatorName, Action<string> lost, CancellationToken cancellationToken)
    {
        RigLease lease = await RigLease.AcquireAsync(centre, rig, operatorName, wall, cancellationToken).ConfigureAwait(false);
        lease.Keep(lost);
        return lease;
    }
}
