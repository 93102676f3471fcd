using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Orchestration.Testing;

namespace Orchestration.Chaos.Tests;

/// <summary>
/// One service of the system as its own OS process (<c>dotnet Orchestration.X.dll</c> from the build output), on a fixed port, its own
/// database and queue names, so that a process killed with SIGKILL and started again finds the same database, the same queues and
/// the same address. Keeps the last lines the process wrote, to explain a failure.
/// </summary>
public sealed class ServiceProcess : IAsyncDisposable
{
    const int KeptLines = 200;

    readonly string assembly;
    readonly IReadOnlyDictionary<string, string> settings;
    readonly Queue<string> output = new();
    Process? process;

    public ServiceProcess(string name, string project, IReadOnlyDictionary<string, string> settings)
    {
        Name = name;
        assembly = BuildOutput(project);
        Port = FreePort();
        this.settings = settings;
        Http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{Port}"), Timeout = TimeSpan.FromSeconds(20) };
    }

    public string Name { get; }

    public int Port { get; }

    /// <summary>A client of the process's address; it outlives restarts.</summary>
    public HttpClient Http { get; }

    public int Starts { get; private set; }

    public void Start()
    {
        var start = new ProcessStartInfo("dotnet", [assembly])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(assembly)!,
        };
        // Only what this test sets: nothing of the shared test servers may leak in.
        foreach (var variable in new[] { "POSTGRES_CONNECTION", "RABBITMQ_URL", "ASPNETCORE_URLS", "ASPNETCORE_ENVIRONMENT", "DOTNET_ENVIRONMENT" })
            start.Environment.Remove(variable);
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development"; // test tokens are accepted
        start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{Port}";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        foreach (var (key, value) in settings) start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {Name}.");
        process.OutputDataReceived += (_, line) => Keep(line.Data);
        process.ErrorDataReceived += (_, line) => Keep(line.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        Starts++;
    }

    /// <summary>Waits until the process answers ready (its database migrated, its bus connected).</summary>
    public async Task ReadyAsync(TimeSpan? timeout = null)
    {
        try
        {
            await Eventually.True(async () =>
            {
                if (process is { HasExited: true })
                    throw new InvalidOperationException($"{Name} exited with {process.ExitCode}:\n{Output()}");
                try { return (await Http.GetAsync("/health/ready")).StatusCode == HttpStatusCode.OK; }
                catch (HttpRequestException) { return false; }
                catch (TaskCanceledException) { return false; }
            }, $"{Name} to be ready", timeout ?? TimeSpan.FromSeconds(120));
        }
        catch (TimeoutException ex)
        {
            throw new TimeoutException($"{ex.Message}\n{Output()}", ex);
        }
    }

    /// <summary>SIGKILL: no shutdown hook runs, nothing is flushed, in-flight transactions are lost as in a crash.</summary>
    public async Task KillAsync()
    {
        if (process is null || process.HasExited) return;
        process.Kill();
        await process.WaitForExitAsync();
        process.Dispose();
        process = null;
        Keep($"---- {Name} killed ----");
    }

    public string Output()
    {
        lock (output) return string.Join('\n', output);
    }

    void Keep(string? line)
    {
        if (line is null) return;
        lock (output)
        {
            output.Enqueue(line);
            while (output.Count > KeptLines) output.Dequeue();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        Http.Dispose();
    }

    /// <summary><c>services/{project}/bin/{Configuration}/net10.0/{project}.dll</c>, built with this test project.</summary>
    static string BuildOutput(string project)
    {
        var testDirectory = AppContext.BaseDirectory; // tests/Orchestration.Chaos.Tests/bin/<Configuration>/net10.0/
        var configuration = new DirectoryInfo(testDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;
        var path = Path.Combine(ChaosSystem.RepositoryFolder("services"), project, "bin", configuration, "net10.0", $"{project}.dll");
        return File.Exists(path) ? path : throw new FileNotFoundException($"Build services/{project} first.", path);
    }

    static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
