using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace UsocHil.Testing;

/// <summary>
/// A throw-away PostgreSQL server for one test fixture: Debian's binaries, a cluster in a temporary folder, listening
/// on 127.0.0.1 only, trust authentication for its one user; stopped and deleted on dispose. PostgreSQL refuses to run
/// as root, so when the tests do the server runs as the <c>postgres</c> user Debian's package creates.
/// </summary>
public sealed class PostgresServer : IAsyncDisposable
{
    public const string User = "usoc";
    public const string Database = "usoc";

    private readonly string _bin;
    private readonly string _directory;

    private PostgresServer(string bin, string directory, int port)
    {
        _bin = bin;
        _directory = directory;
        Port = port;
    }

    public int Port { get; private set; }

    /// <summary>The connection as the harness takes it.</summary>
    public string Url => $"postgres://{User}@127.0.0.1:{Port}/{Database}";

    private string DataDirectory => Path.Combine(_directory, "data");

    public static async Task<PostgresServer> StartAsync(CancellationToken cancellationToken)
    {
        string bin = FindBinaries();
        string directory = TestDirectories.Create("postgres");
        var server = new PostgresServer(bin, directory, FreePort());
        Directory.CreateDirectory(Path.Combine(directory, "sockets"));
        if (Environment.IsPrivilegedProcess)
        {
            await RunAsync("chown", ["-R", "postgres:postgres", directory], cancellationToken);
        }

        await server.AsServerUserAsync("initdb", ["-D", server.DataDirectory, "-U", User, "-A", "trust", "-E", "UTF8", "--no-sync"], cancellationToken);
        // The free port found may be taken by another test's listener before the server binds it: try another.
        for (int attempt = 1; ; attempt++)
        {
            try
            {
                await server.StartAgainAsync(cancellationToken);
                break;
            }
            catch (InvalidOperationException) when (attempt < 4)
            {
                server.Port = FreePort();
            }
        }

        await server.PsqlAsync($"CREATE DATABASE {Database}", cancellationToken, database: "postgres");
        return server;
    }

    /// <summary>Starts the server again after <see cref="StopAsync"/> (the centre back after an outage).</summary>
    public Task StartAgainAsync(CancellationToken cancellationToken) =>
        AsServerUserAsync(Path.Combine(_bin, "pg_ctl"), ["-D", DataDirectory, "-w", "-l", Path.Combine(_directory, "server.log"), "-o",
            $"-p {Port} -k {Path.Combine(_directory, "sockets")} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off", "start"], cancellationToken);

    /// <summary>Stops the server (fast shutdown: open sessions are ended).</summary>
    public Task StopAsync(CancellationToken cancellationToken) =>
        AsServerUserAsync(Path.Combine(_bin, "pg_ctl"), ["-D", DataDirectory, "-w", "-m", "fast", "stop"], cancellationToken);

    /// <summary>Runs SQL with Debian's psql over TCP; rows as lines, columns separated by '|'.</summary>
    public Task<string> PsqlAsync(string sql, CancellationToken cancellationToken, string database = Database) =>
        RunAsync(Path.Combine(_bin, "psql"), ["-X", "-v", "ON_ERROR_STOP=1", "-A", "-t", "-F", "|", "-h", "127.0.0.1", "-p", $"{Port}", "-U", User, "-d", database, "-c", sql], cancellationToken);

    public async ValueTask DisposeAsync()
    {
        try
        {
            await StopAsync(CancellationToken.None);
        }
        catch (InvalidOperationException)
        {
            // Already stopped by the test.
        }

        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private Task<string> AsServerUserAsync(string program, string[] args, CancellationToken cancellationToken)
    {
        string path = program.Contains('/', StringComparison.Ordinal) ? program : Path.Combine(_bin, program);
        return Environment.IsPrivilegedProcess
            ? RunAsync("setpriv", ["--reuid=postgres", "--regid=postgres", "--init-groups", "--", path, .. args], cancellationToken)
            : RunAsync(path, args, cancellationToken);
    }

    /// <exception cref="InvalidOperationException">The program failed; the message holds what it printed.</exception>
    public static async Task<string> RunAsync(string program, IEnumerable<string> args, CancellationToken cancellationToken, IDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = Path.GetTempPath() };
        foreach (string arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        using Process process = Process.Start(start) ?? throw new InvalidOperationException($"cannot start {program}");
        Task<string> stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        Task<string> stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        return process.ExitCode == 0
            ? await stdout
            : throw new InvalidOperationException($"{Path.GetFileName(program)} {string.Join(' ', args)} exited {process.ExitCode}: {await stderr}{await stdout}");
    }

    private static string FindBinaries()
    {
        string? bin = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin")).Where(d => File.Exists(Path.Combine(d, "pg_ctl"))).OrderDescending().FirstOrDefault()
            : null;
        return bin ?? throw new InvalidOperationException("PostgreSQL's server binaries are not installed (Debian: postgresql-15; scripts/install-test-deps installs them)");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
