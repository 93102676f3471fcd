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

/// <summary>The embedded host as its own process, as a user starts it.</summary>
public abstract class EmbeddedHostProcess : IAsyncLifetime
{
    /// <summary>The address the host binds; the test calls it on 127.0.0.1 either way.</summary>
    protected virtual string BindHost => "127.0.0.1";

    /// <summary>Environment variables the host starts with (the logging settings of a container, say).</summary>
    protected virtual IReadOnlyDictionary<string, string> Environment => new Dictionary<string, string>();

    protected readonly string dataDirectory = Path.Combine(Path.GetTempPath(), $"orchestration-local-{Guid.NewGuid():N}");
    readonly StringBuilder output = new();
    protected Process? host;
    protected string root = "";

    public async Task InitializeAsync()
    {
        var port = FreePort();
        root = $"http://127.0.0.1:{port}";
        var start = new ProcessStartInfo("dotnet", [LocalAssembly(), "--urls", $"http://{BindHost}:{port}", "--Database:DataDirectory", dataDirectory])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(LocalAssembly())!,
        };
        // Nothing from the test servers may leak in: the embedded mode needs none.
        foreach (var variable in new[] { "POSTGRES_CONNECTION", "RABBITMQ_URL", "ASPNETCORE_ENVIRONMENT", "DOTNET_ENVIRONMENT" })
            start.Environment.Remove(variable);
        foreach (var variable in start.Environment.Keys.Where(k => k.StartsWith("Logging__", StringComparison.Ordinal)).ToList())
            start.Environment.Remove(variable);
        foreach (var (variable, value) in Environment) start.Environment[variable] = value;
        host = Process.Start(start)!;
        host.OutputDataReceived += (_, line) => { lock (output) output.AppendLine(line.Data); };
        host.ErrorDataReceived += (_, line) => { lock (output) output.AppendLine(line.Data); };
        host.BeginOutputReadLine();
        host.BeginErrorReadLine();
        await Task.CompletedTask;
    }

    /// <summary>
    /// Waits for the host to answer ready. The tests run beside the browser suite, which keeps both cores busy, and a host started
    /// there once took more than 90 s: the wait bounds the test at four minutes, it never measures the start.
    /// A host that is not ready by then fails the test with what it printed.
    /// </summary>
    protected async Task<string> ReadyAsync(HttpClient http)
    {
        try
        {
            return await Eventually.Get(async () =>
            {
                if (host!.HasExited) throw new InvalidOperationException($"The embedded host exited with {host.ExitCode}:\n{Output()}");
                try
                {
                    var response = await http.GetAsync("/health/ready");
                    return response.StatusCode == HttpStatusCode.OK ? await response.Content.ReadAsStringAsync() : null;
                }
                catch (HttpRequestException) { return (string?)null; }
            }, "the embedded host to be ready", TimeSpan.FromMinutes(4));
        }
        catch (TimeoutException timeout)
        {
            throw new TimeoutException($"{timeout.Message} It printed:\n{Output()}", timeout);
        }
    }

    protected string Output() { lock (output) return output.ToString(); }

    protected static string LocalAssembly()
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

/// <summary>Bound to every interface, the embedded host issues no tokens of its own, to anyone.</summary>
public sealed class EmbeddedHostOnEveryInterfaceTests : EmbeddedHostProcess
{
    protected override string BindHost => "0.0.0.0";

    [Fact]
    public async Task It_refuses_local_tokens_and_self_signed_sign_in()
    {
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = new Uri(root) };
        await ReadyAsync(http);

        var token = await http.PostAsJsonAsync("/local/token", new { tenant = "county-demo", roles = new[] { "administrator" } });
        token.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        token.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");

        var signIn = await http.PostAsync("/studio/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["subject"] = "attacker", ["tenant"] = "county-demo", ["role"] = "administrator", ["token"] = "", ["returnUrl"] = "/studio/",
        }));
        signIn.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        signIn.Headers.Contains("Set-Cookie").ShouldBeFalse();
        (await http.GetStringAsync("/studio/login")).ShouldNotContain("name=\"tenant\"");
        await Eventually.True(() => Task.FromResult(Output().Contains("issues no tokens of its own")), "the welcome text saying so");
        Output().ShouldNotContain("Administrator token for tenant");
    }
}

/// <summary>The embedded default starts on a machine with nothing but the .NET runtime and answers as the README says.</summary>
public sealed class EmbeddedHostTests : EmbeddedHostProcess
{
    [Fact]
    public async Task The_embedded_default_starts_and_answers_ready()
    {
        using var http = new HttpClient { BaseAddress = new Uri(root) };

        var ready = await ReadyAsync(http);
        JsonDocument.Parse(ready).RootElement.GetProperty("status").GetString().ShouldBe("Healthy");
        await Eventually.True(() => Task.FromResult(Output().Contains("/scalar")), "the welcome text with the URLs");
        Output().ShouldContain($"{root}/health/ready");

        var token = await http.PostAsJsonAsync("/local/token", new { tenant = "county-demo", roles = new[] { "administrator", "organization-department", "auditor", "committee-secretary", "township" } });
        token.StatusCode.ShouldBe(HttpStatusCode.OK);
        var accessToken = (await token.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString();
        accessToken.ShouldNotBeNullOrEmpty();
        (await http.GetAsync("/openapi/v1.json")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized); // the API map takes a token outside Development

        // The key is this installation's own: random, in the data directory, readable by its owner only; not the development key.
        var keyFile = Path.Combine(dataDirectory, "signing-key");
        File.Exists(keyFile).ShouldBeTrue();
        if (!OperatingSystem.IsWindows()) File.GetUnixFileMode(keyFile).ShouldBe(UnixFileMode.UserRead | UnixFileMode.UserWrite);
        var developmentKeyToken = Orchestration.ServiceDefaults.Security.DevelopmentTokens.Issue("mallory", "county-demo", ["administrator"]);
        using (var forged = new HttpRequestMessage(HttpMethod.Get, "/api/workflows/instances"))
        {
            forged.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", developmentKeyToken);
            (await http.SendAsync(forged)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        }

        // Every service answers in the one process, and a procedure runs across them on the in-memory bus.
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", accessToken);
        (await http.GetAsync("/openapi/v1.json")).StatusCode.ShouldBe(HttpStatusCode.OK);
        foreach (var path in new[] { "/api/nomination/recommendation-rounds", "/api/vetting/decision-meetings", "/api/audit/units",
                     "/api/disposition/cases", "/api/village-pay/villages", "/api/workflows/instances" })
            (await http.GetAsync(path)).StatusCode.ShouldBe(HttpStatusCode.OK, path);
        var readiness = JsonDocument.Parse(ready).RootElement.GetProperty("checks").EnumerateArray().Select(c => c.GetProperty("name").GetString()).ToList();
        readiness.ShouldContain("workflows-database");
        readiness.ShouldContain("nomination-database");
    }

    [Fact]
    public async Task On_sqlite_bad_input_conflicts_and_repeats_are_answered_without_500s()
    {
        using var http = new HttpClient { BaseAddress = new Uri(root) };
        await ReadyAsync(http);
        var token = await http.PostAsJsonAsync("/local/token", new { tenant = "county-sqlite", roles = new[] { "administrator", "organization-department", "auditor", "township" } });
        var accessToken = (await token.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString();
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", accessToken);
        static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

        // The same creating request twice with its key: one term, the same answer.
        HttpRequestMessage Keyed(string body) => new(HttpMethod.Post, "/api/nomination/committee-terms")
        {
            Content = Json(body), Headers = { { "Idempotency-Key", "term-15" } },
        };
        const string term = """{"name":"第十五届县委","leadershipPosts":9,"startsOn":"2026-01-01"}""";
        var first = await http.SendAsync(Keyed(term));
        first.StatusCode.ShouldBe(HttpStatusCode.Created, await first.Content.ReadAsStringAsync());
        var again = await http.SendAsync(Keyed(term));
        again.StatusCode.ShouldBe(HttpStatusCode.Created);
        (await again.Content.ReadAsStringAsync()).ShouldBe(await first.Content.ReadAsStringAsync());
        (await http.SendAsync(Keyed(term.Replace("9", "8", StringComparison.Ordinal)))).StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await http.GetFromJsonAsync<JsonElement>("/api/nomination/committee-terms")).GetArrayLength().ShouldBe(1);

        // A primary-key collision is a conflict; NUL and look-alike names are refused; the township grading query runs on SQLite.
        var unit = Guid.NewGuid();
        (await http.PostAsync("/api/audit/units", Json($$"""{"name":"财政局","annualBudget":100,"unitId":"{{unit}}"}"""))).StatusCode.ShouldBe(HttpStatusCode.OK);
        var otherCounty = new HttpClient { BaseAddress = new Uri(root) };
        var otherToken = await otherCounty.PostAsJsonAsync("/local/token", new { tenant = "county-other", roles = new[] { "auditor" } });
        otherCounty.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer",
            (await otherToken.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString());
        (await otherCounty.PostAsync("/api/audit/units", Json($$"""{"name":"教育局","annualBudget":100,"unitId":"{{unit}}"}"""))).StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await http.PostAsync("/api/village-pay/villages", Json("""{"name":"a\u0000b","township":"城关镇","population":100}"""))).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await http.PostAsync("/api/village-pay/villages", Json("""{"name":"红旗村","township":"城关镇","population":100}"""))).StatusCode.ShouldBe(HttpStatusCode.Created);
        (await http.PostAsync("/api/village-pay/villages", Json("""{"name":"红旗村\u200b ","township":"城关镇","population":100}"""))).StatusCode.ShouldBe(HttpStatusCode.Conflict);
        var grading = await http.PostAsync("/api/village-pay/grades/townships", Json("""{"township":"城关镇","year":2026}"""));
        ((int)grading.StatusCode).ShouldBeLessThan(500, await grading.Content.ReadAsStringAsync());

        // A Studio logout is kept in the workflows database (SQLite here): the token is refused by every service afterwards.
        using var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = new Uri(root) };
        browser.DefaultRequestHeaders.Add("Cookie", $"{Orchestration.ServiceDefaults.Security.SessionCookie.Name}={accessToken}");
        var logout = await browser.PostAsync("/studio/logout", null);
        logout.StatusCode.ShouldBe(HttpStatusCode.Redirect, await logout.Content.ReadAsStringAsync());
        (await http.GetAsync("/api/workflows/instances")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await http.GetAsync("/api/nomination/committee-terms")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }
}
