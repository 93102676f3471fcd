using System.Diagnostics;
using System.Net.Sockets;

namespace Orchestration.Bench;

/// <summary>
/// How long the embedded host (services/Orchestration.Local) takes from process start until <c>/health/ready</c> answers 200:
/// the first start on an empty data directory (databases created, procedures loaded) and the later starts on the same data.
/// The host must be built first (<c>dotnet build services/Orchestration.Local -c Release</c>).
/// </summary>
public static class EmbeddedStart
{
    public static async Task<(TimeSpan First, IReadOnlyList<TimeSpan> Later)> MeasureAsync(string repository, int laterStarts)
    {
        var host = Path.Combine(repository, "services", "Orchestration.Local", "bin", "Release", "net10.0", "Orchestration.Local.dll");
        if (!File.Exists(host)) throw new InvalidOperationException($"Build the embedded host first: dotnet build services/Orchestration.Local -c Release ({host}).");
        var data = Directory.CreateTempSubdirectory("bench-embedded-").FullName;
        try
        {
            var first = await StartOnceAsync(host, data);
            var later = new List<TimeSpan>();
            for (var i = 0; i < laterStarts; i++) later.Add(await StartOnceAsync(host, data));
            return (first, later);
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }

    static async Task<TimeSpan> StartOnceAsync(string host, string dataDirectory)
    {
        var port = FreePort();
        var start = new ProcessStartInfo("dotnet", [host, "--urls", $"http://127.0.0.1:{port}"])
        {
            WorkingDirectory = Path.GetDirectoryName(host)!, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        start.Environment["Database__DataDirectory"] = dataDirectory;
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var watch = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            while (watch.Elapsed < TimeSpan.FromMinutes(2))
            {
                if (process.HasExited) throw new InvalidOperationException($"The embedded host exited with {process.ExitCode} before it was ready.");
                try
                {
                    if ((await http.GetAsync($"http://127.0.0.1:{port}/health/ready")).IsSuccessStatusCode) return watch.Elapsed;
                }
                catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
                {
                    // not listening yet
                }
                await Task.Delay(50);
            }
            throw new TimeoutException("The embedded host was not ready within two minutes.");
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    static int FreePort()
    {
        using var listener = new TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}
