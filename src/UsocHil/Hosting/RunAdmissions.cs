using UsocHil.Sequencing;

namespace UsocHil.Hosting;

/// <summary>A run's passes from every guard of its station, taken before anything is opened and given back when it ends.</summary>
internal sealed class RunAdmissions : IAsyncDisposable
{
    private readonly List<IAsyncDisposable> _held = [];

    /// <exception cref="RunRefusedException">A guard refused; the passes already taken are given back.</exception>
    public static async Task<RunAdmissions> AdmitAsync(RunGuards guards, string rig, string operatorName, Action<string> lost, CancellationToken cancellationToken)
    {
        var admissions = new RunAdmissions();
        try
        {
            foreach (IRunGuard guard in guards.All)
            {
                admissions._held.Add(await guard.AdmitAsync(rig, operatorName, lost, cancellationToken).ConfigureAwait(false));
            }

            return admissions;
        }
        catch
        {
            await admissions.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (IAsyncDisposable pass in Enumerable.Reverse(_held))
        {
            await pass.DisposeAsync().ConfigureAwait(false);
        }

        _held.Clear();
    }
}
