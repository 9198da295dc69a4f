using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

[assembly: AssemblyFixture(typeof(SellerBridge.Tests.Infrastructure.PostgresServerLifetime))]

namespace SellerBridge.Tests.Infrastructure;

/// <summary>
/// A throw-away PostgreSQL cluster for the whole test run: made with <c>initdb</c> in a temporary
/// folder, started with <c>pg_ctl</c> on a free loopback port, removed afterwards. When the
/// binaries are not on this machine, <see cref="Available"/> is false and PostgreSQL cases skip.
/// </summary>
public sealed class PostgresServer : IAsyncDisposable
{
    private static readonly Lazy<PostgresServer> Shared = new(() => new PostgresServer());
    private readonly string? _binDir;
    private readonly string _root = Path.Combine(Path.GetTempPath(), "sb-pg-" + Guid.NewGuid().ToString("N")[..8]);
    private readonly object _gate = new();
    private bool _started;
    private bool _stopped;
    private string? _startError;

    private PostgresServer()
    {
        _binDir = FindBinDir();
    }

    public static PostgresServer Instance => Shared.Value;

    /// <summary>Stops and removes the run's cluster, if one was started (called once the run is over).</summary>
    public static async ValueTask DisposeSharedAsync()
    {
        if (Shared.IsValueCreated)
        {
            await Shared.Value.DisposeAsync();
        }
    }

    public bool Available => _binDir is not null && EnsureStarted() is null;

    public string SkipReason => _binDir is null
        ? "PostgreSQL is not installed here (no initdb found); run ./scripts/test.sh as root to install it."
        : $"PostgreSQL could not be started: {EnsureStarted()}";

    public int Port { get; private set; }

    public string AdminConnectionString => $"Host=127.0.0.1;Port={Port};Username=postgres;Database=postgres;Pooling=false;Timeout=30";

    /// <summary>Creates an empty database for one test and returns its connection string.</summary>
    public string CreateDatabase()
    {
        if (EnsureStarted() is { } error)
        {
            throw new InvalidOperationException(error);
        }

        var name = "sb_" + Guid.NewGuid().ToString("N")[..16];
        using (var connection = new NpgsqlConnection(AdminConnectionString))
        {
            connection.Open();
            using var command = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            command.ExecuteNonQuery();
        }

        return $"Host=127.0.0.1;Port={Port};Username=postgres;Database={name};Maximum Pool Size=30;Timeout=30";
    }

    private string? EnsureStarted()
    {
        lock (_gate)
        {
            if (_started || _startError is not null)
            {
                return _startError;
            }

            try
            {
                Start();
                _started = true;
            }
            catch (Exception ex)
            {
                _startError = ex.Message;
            }

            return _startError;
        }
    }

    private void Start()
    {
        var data = Path.Combine(_root, "data");
        Directory.CreateDirectory(data);
        var asRoot = Environment.UserName == "root";
        if (asRoot)
        {
            // initdb refuses to run as root; the cluster belongs to the postgres system user.
            Run("chown", $"-R postgres:postgres {_root}");
        }

        Port = FreePort();
        PgRun("initdb", $"-D {data} -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 --no-sync", asRoot);
        File.AppendAllText(Path.Combine(data, "postgresql.conf"),
            $"\nport = {Port}\nlisten_addresses = '127.0.0.1'\nunix_socket_directories = '{_root}'\nfsync = off\nsynchronous_commit = off\nfull_page_writes = off\nmax_connections = 500\nshared_buffers = 128MB\n");
        PgRun("pg_ctl", $"-D {data} -l {Path.Combine(_root, "log.txt")} -w -t 60 start", asRoot);
        // Should the run end without the assembly fixture's disposal (a host that is stopped), the
        // cluster still goes with the process.
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Stop();
    }

    public ValueTask DisposeAsync()
    {
        Stop();
        return ValueTask.CompletedTask;
    }

    private void Stop()
    {
        lock (_gate)
        {
            if (_stopped)
            {
                return;
            }

            _stopped = true;
        }

        if (_started && _binDir is not null)
        {
            try
            {
                PgRun("pg_ctl", $"-D {Path.Combine(_root, "data")} -m immediate -w stop", Environment.UserName == "root");
            }
            catch
            {
                // The cluster is in a temp folder; a failed stop must not fail the run.
            }
        }

        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }
    }

    private void PgRun(string tool, string arguments, bool asRoot)
    {
        var path = Path.Combine(_binDir!, tool);
        if (asRoot)
        {
            Run("runuser", $"-u postgres -- {path} {arguments}");
        }
        else
        {
            Run(path, arguments);
        }
    }

    private static void Run(string file, string arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(file, arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        })!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(120_000))
        {
            process.Kill(true);
            throw new InvalidOperationException($"{file} {arguments} did not finish in 2 minutes.");
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{Path.GetFileName(file)} failed ({process.ExitCode}): {stderr.Result}{stdout.Result}");
        }
    }

    private static string? FindBinDir()
    {
        var candidates = new List<string>();
        var versions = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").OrderByDescending(d => d, StringComparer.Ordinal)
            : Enumerable.Empty<string>();
        candidates.AddRange(versions.Select(v => Path.Combine(v, "bin")));
        candidates.AddRange((Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries));
        return candidates.FirstOrDefault(dir =>
            File.Exists(Path.Combine(dir, "initdb")) && File.Exists(Path.Combine(dir, "pg_ctl")) && File.Exists(Path.Combine(dir, "postgres")));
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

/// <summary>
/// The assembly fixture whose disposal, when the whole run is over, stops and removes the shared
/// cluster. (The cluster itself is made lazily by <see cref="PostgresServer.Instance"/>, only when a
/// test first needs it; a fixture instance of its own would be a second, never-started server.)
/// </summary>
public sealed class PostgresServerLifetime : IAsyncDisposable
{
    public ValueTask DisposeAsync() => PostgresServer.DisposeSharedAsync();
}
