using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Orchestration.Testing;

/// <summary>
/// A RabbitMQ node of the test's own, on free loopback ports, for tests that stop and restart the broker without
/// disturbing the broker every other test shares. Uses the locally installed <c>rabbitmq-server</c>.
/// </summary>
public sealed class DedicatedRabbitMqNode : IAsyncDisposable
{
    readonly Dictionary<string, string> environment;
    readonly string nodeName;
    readonly string directory;

    DedicatedRabbitMqNode(int port)
    {
        Port = port;
        nodeName = $"test{port}@localhost";
        directory = Path.Combine(Path.GetTempPath(), "orchestration-rabbit-nodes", nodeName.Replace('@', '-'));
        environment = new()
        {
            ["RABBITMQ_NODENAME"] = nodeName,
            ["RABBITMQ_NODE_PORT"] = port.ToString(),
            ["RABBITMQ_DIST_PORT"] = FreePort().ToString(),
            ["RABBITMQ_MNESIA_BASE"] = Path.Combine(directory, "mnesia"),
            ["RABBITMQ_LOG_BASE"] = Path.Combine(directory, "log"),
            ["RABBITMQ_CONFIG_FILE"] = Path.Combine(directory, "rabbitmq"),
            ["RABBITMQ_ENABLED_PLUGINS_FILE"] = Path.Combine(directory, "enabled_plugins"),
            ["RABBITMQ_PID_FILE"] = Path.Combine(directory, "rabbit.pid"),
        };
    }

    public int Port { get; }

    public string AmqpUri => $"amqp://guest:guest@127.0.0.1:{Port}/";

    public static async Task<DedicatedRabbitMqNode> StartAsync()
    {
        if (!File.Exists("/usr/sbin/rabbitmq-server") && !File.Exists("/usr/lib/rabbitmq/bin/rabbitmq-server"))
            throw new InvalidOperationException("This test runs a RabbitMQ node of its own and needs rabbitmq-server installed: " +
                                                "`apt-get install rabbitmq-server` (as .ci/servers.sh does).");
        var node = new DedicatedRabbitMqNode(FreePort());
        if (Directory.Exists(node.directory)) Directory.Delete(node.directory, recursive: true);
        Directory.CreateDirectory(Path.Combine(node.directory, "mnesia"));
        Directory.CreateDirectory(Path.Combine(node.directory, "log"));
        await File.WriteAllTextAsync(Path.Combine(node.directory, "rabbitmq.conf"), $"listeners.tcp.default = 127.0.0.1:{node.Port}\n");
        await File.WriteAllTextAsync(Path.Combine(node.directory, "enabled_plugins"), "[].\n");
        await RunAsync("chown", $"-R rabbitmq:rabbitmq {node.directory}", null);
        await node.StartAgainAsync();
        return node;
    }

    /// <summary>Starts the node (again) and waits until it accepts connections.</summary>
    public async Task StartAgainAsync()
    {
        await RunAsync("rabbitmq-server", "-detached", environment);
        await RunAsync("rabbitmqctl", $"-n {nodeName} wait --timeout 120 {environment["RABBITMQ_PID_FILE"]}", environment);
    }

    /// <summary>Stops the node the way an operator or a crash would take it away.</summary>
    public Task StopAsync() => RunAsync("rabbitmqctl", $"-n {nodeName} shutdown", environment);

    public async ValueTask DisposeAsync()
    {
        try { await StopAsync(); } catch { /* already stopped */ }
    }

    static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    static async Task RunAsync(string file, string arguments, IDictionary<string, string>? env)
    {
        var start = new ProcessStartInfo(file, arguments) { RedirectStandardOutput = true, RedirectStandardError = true };
        if (env is not null)
            foreach (var (key, value) in env) start.Environment[key] = value;
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {file}.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"`{file} {arguments}` exited with {process.ExitCode}: {await error}{await output}");
    }
}
