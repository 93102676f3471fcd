using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Orchestration.Testing;
using Shouldly;
using Xunit;

namespace Orchestration.Local.Tests;

/// <summary>The embedded default starts on a machine with nothing but the .NET runtime and answers as the README says.</summary>
public sealed class EmbeddedHostTests : IAsyncLifetime
{
    readonly string dataDirectory = Path.Combine(Path.GetTempPath(), $"orchestration-local-{Guid.NewGuid():N}");
    readonly StringBuilder output = new();
    Process? host;
    string root = "";

    public async Task InitializeAsync()
    {
        var port = FreePort();
        root = $"http://127.0.0.1:{port}";
        var start = new ProcessStartInfo("dotnet", [LocalAssembly(), "--urls", root, "--Database:DataDirectory", dataDirectory])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(LocalAssembly())!,
        };
        // Nothing from the test servers may leak in: the embedded mode needs none.
        foreach (var variable in new[] { "POSTGRES_CONNECTION", "RABBITMQ_URL", "ASPNETCORE_ENVIRONMENT", "DOTNET_ENVIRONMENT" })
            start.Environment.Remove(variable);
        host = Process.Start(start)!;
        host.OutputDataReceived += (_, line) => { lock (output) output.AppendLine(line.Data); };
        host.ErrorDataReceived += (_, line) => { lock (output) output.AppendLine(line.Data); };
        host.BeginOutputReadLine();
        host.BeginErrorReadLine();
        await Task.CompletedTask;
    }

    [Fact]
    public async Task The_embedded_default_starts_and_answers_ready()
    {
        using var http = new HttpClient { BaseAddress = new Uri(root) };

        var ready = await Eventually.Get(async () =>
        {
            if (host!.HasExited) throw new InvalidOperationException($"The embedded host exited with {host.ExitCode}:\n{Output()}");
            try
            {
                var response = await http.GetAsync("/health/ready");
                return response.StatusCode == HttpStatusCode.OK ? await response.Content.ReadAsStringAsync() : null;
            }
            catch (HttpRequestException) { return (string?)null; }
        }, "the embedded host to be ready", TimeSpan.FromSeconds(90));

        JsonDocument.Parse(ready).RootElement.GetProperty("status").GetString().ShouldBe("Healthy");
        await Eventually.True(() => Task.FromResult(Output().Contains("/scalar")), "the welcome text with the URLs");
        Output().ShouldContain($"{root}/health/ready");

        var token = await http.PostAsJsonAsync("/local/token", new { tenant = "county-demo", roles = new[] { "administrator", "organization-department", "auditor", "committee-secretary", "township" } });
        token.StatusCode.ShouldBe(HttpStatusCode.OK);
        var accessToken = (await token.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString();
        accessToken.ShouldNotBeNullOrEmpty();
        (await http.GetAsync("/openapi/v1.json")).StatusCode.ShouldBe(HttpStatusCode.OK);

        // Every service answers in the one process, and a procedure runs across them on the in-memory bus.
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", accessToken);
        foreach (var path in new[] { "/api/nomination/recommendation-rounds", "/api/vetting/decision-meetings", "/api/audit/units",
                     "/api/disposition/cases", "/api/village-pay/villages", "/api/workflows/instances" })
            (await http.GetAsync(path)).StatusCode.ShouldBe(HttpStatusCode.OK, path);
        var readiness = JsonDocument.Parse(ready).RootElement.GetProperty("checks").EnumerateArray().Select(c => c.GetProperty("name").GetString()).ToList();
        readiness.ShouldContain("workflows-database");
        readiness.ShouldContain("nomination-database");
    }

    string Output() { lock (output) return output.ToString(); }

    static string LocalAssembly()
    {
        var testDirectory = AppContext.BaseDirectory; // tests/Orchestration.Local.Tests/bin/<Configuration>/net10.0/
        var configuration = new DirectoryInfo(testDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;
        var repository = new DirectoryInfo(testDirectory);
        while (repository is not null && !File.Exists(Path.Combine(repository.FullName, "Orchestration.sln"))) repository = repository.Parent;
        var path = Path.Combine(repository!.FullName, "services", "Orchestration.Local", "bin", configuration, "net10.0", "Orchestration.Local.dll");
        return File.Exists(path) ? path : throw new FileNotFoundException("Build services/Orchestration.Local first.", path);
    }

    static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async Task DisposeAsync()
    {
        if (host is { HasExited: false })
        {
            host.Kill(entireProcessTree: true);
            await host.WaitForExitAsync();
        }
        host?.Dispose();
        if (Directory.Exists(dataDirectory)) Directory.Delete(dataDirectory, recursive: true);
    }
}
