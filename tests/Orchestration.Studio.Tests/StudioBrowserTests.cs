using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Playwright;
using Orchestration.ServiceDefaults.Security;
using Orchestration.Testing;
using Shouldly;
using Xunit;

namespace Orchestration.Studio.Tests;

/// <summary>The real Elsa Studio in Debian's headless Chromium against the workflow server, on a real port.</summary>
public sealed class StudioBrowserTests : IClassFixture<ServersFixture>, IAsyncLifetime
{
    const string Tenant = "county-browser";
    readonly StudioServer server;
    IPlaywright playwright = null!;
    IBrowser browser = null!;
    readonly string shots = Path.Combine(AppContext.BaseDirectory, "screenshots");

    public StudioBrowserTests(ServersFixture servers) => server = new StudioServer(servers);

    sealed class StudioServer(ServersFixture servers) : ServiceHost<Program>(servers, "Workflows")
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Workflows:DefinitionsDirectory", RepositoryFolder("workflows"));
        }
    }

    public async Task InitializeAsync()
    {
        server.UseKestrel(0);
        server.StartServer();
        await server.StartedAsync();
        Directory.CreateDirectory(shots);
        playwright = await Playwright.CreateAsync();
        browser = await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = Environment.GetEnvironmentVariable("CHROMIUM_PATH") ?? "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
    }

    public async Task DisposeAsync()
    {
        await browser.DisposeAsync();
        playwright.Dispose();
        await server.DisposeAsync();
    }

    string Root => server.ClientOptions.BaseAddress.ToString().TrimEnd('/');

    async Task<IPage> SignedIn(string role, string path)
    {
        var page = await (await browser.NewContextAsync(new() { ViewportSize = new() { Width = 1600, Height = 1000 } })).NewPageAsync();
        await page.GotoAsync($"{Root}{path}");
        page.Url.ShouldContain("/studio/login");
        await page.FillAsync("input[name=subject]", $"{role}-user");
        await page.FillAsync("input[name=tenant]", Tenant);
        await page.SelectOptionAsync("select[name=role]", role);
        await page.ClickAsync("#sign-in");
        await page.WaitForURLAsync($"{Root}{path}");
        return page;
    }

    static async Task ErrorBarHidden(IPage page) =>
        (await page.Locator("#blazor-error-ui").IsVisibleAsync()).ShouldBeFalse("the Studio shows its 'unhandled error' bar");

    [Fact]
    public async Task An_administrator_opens_the_appointment_procedure_in_the_designer()
    {
        var page = await SignedIn(Roles.Administrator, "/studio/definitions/cadre-appointment");

        var nodes = page.Locator("g.x6-node[data-cell-id]");
        await nodes.First.WaitForAsync(new() { Timeout = 60_000 });
        await page.WaitForTimeoutAsync(1500); // let the designer finish its layout
        await page.ScreenshotAsync(new() { Path = Path.Combine(shots, "editor-administrator.png") });

        (await nodes.CountAsync()).ShouldBe(9);
        (await page.Locator("g.x6-node[data-cell-id=decide]").CountAsync()).ShouldBe(1);
        (await page.GetByText("read-only mode").CountAsync()).ShouldBe(0);
        await ErrorBarHidden(page);
    }

    [Fact]
    public async Task A_non_administrator_sees_the_designer_read_only_and_cannot_save()
    {
        var page = await SignedIn(Roles.Operator, "/studio/definitions/cadre-appointment");

        await page.Locator("g.x6-node[data-cell-id]").First.WaitForAsync(new() { Timeout = 60_000 });
        await page.GetByText("read-only mode").First.WaitForAsync(new() { Timeout = 30_000 });
        await page.ScreenshotAsync(new() { Path = Path.Combine(shots, "editor-read-only.png") });
        await ErrorBarHidden(page);

        var api = server.CreateClientFor(Tenant, Roles.Operator);
        var definition = await api.GetFromJsonAsync<JsonObject>("/elsa/api/workflow-definitions/by-definition-id/cadre-appointment?versionOptions=Latest");
        definition!["links"]!.AsArray().Select(l => l!["rel"]!.GetValue<string>()).ShouldNotContain("publish");
        var save = await api.PostAsJsonAsync("/elsa/api/workflow-definitions", new { model = definition, publish = false });
        save.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task The_instance_viewer_shows_a_running_appointment_procedure()
    {
        var started = await server.CreateClientFor(Tenant, Roles.OrganizationDepartment)
            .PostAsJsonAsync("/api/workflows/cadre-appointment/instances", new { input = new { cadreId = Guid.NewGuid() } });
        started.StatusCode.ShouldBe(HttpStatusCode.Created);
        var instanceId = (await started.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<string>();

        var page = await SignedIn(Roles.OrganizationDepartment, $"/studio/instances/{instanceId}");

        await page.Locator("g.x6-node[data-cell-id]").First.WaitForAsync(new() { Timeout = 60_000 });
        await page.WaitForTimeoutAsync(1500);
        await page.ScreenshotAsync(new() { Path = Path.Combine(shots, "instance-viewer.png") });
        (await page.Locator("g.x6-node[data-cell-id=recommend]").CountAsync()).ShouldBe(1);
        await ErrorBarHidden(page);
    }

    static string RepositoryFolder(string name)
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Orchestration.sln"))) directory = directory.Parent;
        return Path.Combine(directory!.FullName, name);
    }
}
