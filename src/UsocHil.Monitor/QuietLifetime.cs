using Microsoft.Extensions.Hosting;

namespace UsocHil.Monitor;

/// <summary>
/// A host lifetime that listens to no signal. The default one takes SIGINT and SIGTERM for itself and stops the web
/// server, while the command that started it (the run, <c>usoc-hil monitor</c>) never learns of them.
/// </summary>
internal sealed class QuietLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
