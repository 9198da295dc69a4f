using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;

namespace SellerBridge.Tests.Infrastructure;

/// <summary>
/// The built app as its own process, started the way the README starts it (Sandbox mode, demo
/// accounts), on a free loopback port and its own database. Reads the demo logins it prints.
/// </summary>
public sealed partial class RunningApp : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private RunningApp(TestDatabase database, IDictionary<string, string>? environment, Func<IDictionary<string, string>, Process>? start = null)
    {
        Database = database;
        Port = FreePort();
        Url = $"http://127.0.0.1:{Port}";
        var env = new Dictionary<string, string>
        {
            ["Database__Provider"] = database.Provider.ToString(),
            ["ConnectionStrings__SellerBridge"] = database.ConnectionString,
            ["ASPNETCORE_URLS"] = Url,
        };
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            env[key] = value;
        }

        _process = start is null ? Repo.StartApp(env) : start(env);
        _process.OutputDataReceived += (_, e) => OnLine(e.Data);
        _process.ErrorDataReceived += (_, e) => OnLine(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public TestDatabase Database { get; }

    public int Port { get; }

    public string Url { get; }

    public int ProcessId => _process.Id;

    public string OperatorEmail { get; private set; } = "";

    public string OperatorPassword { get; private set; } = "";

    public string SellerEmail { get; private set; } = "";

    public string SellerPassword { get; private set; } = "";

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public static Task<RunningApp> StartAsync(TestDatabase database, IDictionary<string, string>? environment = null) =>
        WaitUntilStartedAsync(new RunningApp(database, environment));

    /// <summary>Starts <c>dotnet dll</c> from <paramref name="workingDirectory"/> (a published app, for example).</summary>
    public static Task<RunningApp> StartDllAsync(string dll, string workingDirectory, TestDatabase database, IDictionary<string, string>? environment = null) =>
        WaitUntilStartedAsync(new RunningApp(database, environment, env => Repo.StartDll(dll, workingDirectory, env)));

    private static async Task<RunningApp> WaitUntilStartedAsync(RunningApp app)
    {
        var finished = await Task.WhenAny(app._ready.Task, app._process.WaitForExitAsync(), Task.Delay(TimeSpan.FromMinutes(2)));
        if (finished != app._ready.Task)
        {
            var output = app.Output;
            await app.DisposeAsync();
            throw new InvalidOperationException($"The app did not start:\n{output}");
        }

        return app;
    }

    /// <summary>Kills the process at once, as a crash or SIGKILL would.</summary>
    public void Kill()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(10_000);
        }
    }

    public async ValueTask DisposeAsync()
    {
        Kill();
        _process.Dispose();
        await Task.CompletedTask;
    }

    private void OnLine(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }

        var login = LoginLine().Match(line);
        if (login.Success && login.Groups[1].Value == "Operator")
        {
            OperatorEmail = login.Groups[2].Value;
            OperatorPassword = login.Groups[3].Value;
        }
        else if (login.Success)
        {
            SellerEmail = login.Groups[2].Value;
            SellerPassword = login.Groups[3].Value;
        }

        if (line.Contains("Application started", StringComparison.Ordinal))
        {
            _ready.TrySetResult();
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    [GeneratedRegex(@"^\s*(Operator|Seller):\s+(\S+) / (\S+)")]
    private static partial Regex LoginLine();
}
