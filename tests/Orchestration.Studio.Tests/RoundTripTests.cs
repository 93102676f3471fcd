using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using Orchestration.ServiceDefaults.Security;
using Orchestration.Testing;
using Shouldly;
using Xunit;

namespace Orchestration.Studio.Tests;

/// <summary>
/// Every procedure kept with the product, exported from a server that loaded it from <c>workflows/</c>, imports into a second server
/// (its own database) through the Studio's import, exports back unchanged, and runs there as it runs on the first: the same steps
/// journaled in the same order, waiting at the same activities. (elsa-core names its definition schema by URL in <c>$schema</c> but
/// publishes no schema file in its repository, so the check is against Elsa's own export and import instead.)
/// </summary>
public sealed class RoundTripTests(ServersFixture servers) : IClassFixture<ServersFixture>, IAsyncLifetime
{
    const string County = "county-round-trip";
    readonly Server shipped = new(servers, Shipped());
    readonly Server second = new(servers, Path.Combine(Path.GetTempPath(), "no-workflows-here"));

    sealed class Server(ServersFixture servers, string definitions) : ServiceHost<Program>(servers, "Workflows")
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Messaging:Transport", "InMemory");
            builder.UseSetting("Workflows:DefinitionsDirectory", definitions);
        }
    }

    static string Shipped()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Orchestration.sln"))) directory = directory.Parent;
        return Path.Combine(directory!.FullName, "workflows");
    }

    public static TheoryData<string> Procedures() => [.. Directory.GetFiles(Shipped(), "*.json").Select(f => Path.GetFileNameWithoutExtension(f)!)];

    public async Task InitializeAsync()
    {
        await shipped.StartedAsync();
        await second.StartedAsync();
    }

    public async Task DisposeAsync()
    {
        await shipped.DisposeAsync();
        await second.DisposeAsync();
    }

    static readonly string[] VersionFields = ["id", "version", "isLatest", "isPublished", "createdAt", "links", "isReadonly", "isSystem", "materializerName"];

    static JsonObject Content(string exported)
    {
        var copy = JsonNode.Parse(exported)!.AsObject();
        foreach (var field in VersionFields) copy.Remove(field);
        return copy;
    }

    static async Task<string> Export(Server server, string definitionId)
    {
        var response = await server.CreateClientFor(County, Roles.Administrator).GetAsync($"/elsa/api/workflow-definitions/{definitionId}/export?versionOptions=Published");
        response.StatusCode.ShouldBe(HttpStatusCode.OK, $"{definitionId}: {await response.Content.ReadAsStringAsync()}");
        return await response.Content.ReadAsStringAsync();
    }

    /// <summary>Starts the procedure with the same input on <paramref name="server"/>; what it journaled and where it waits.</summary>
    static async Task<(string[] Steps, string[] Waits)> Run(Server server, string definitionId, Guid cadre)
    {
        var started = await server.CreateClientFor(County, Roles.OrganizationDepartment).PostAsJsonAsync($"/api/workflows/{definitionId}/instances",
            new { input = new { cadreId = cadre, post = "县审计局局长", unit = "县审计局", year = 2027 } });
        started.StatusCode.ShouldBe(HttpStatusCode.Created, await started.Content.ReadAsStringAsync());
        var id = (await started.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<Guid>();
        var details = (await server.CreateClientFor(County, Roles.OrganizationDepartment).GetFromJsonAsync<JsonObject>($"/api/workflows/instances/{id}"))!;
        return ([.. details["journal"]!.AsArray().Select(j => $"{j!["eventName"]} {j["activityId"]}")],
            [.. details["bookmarks"]!.AsArray().Select(b => $"{b!["activityId"]} {b["kind"]}").Order()]);
    }

    [Theory]
    [MemberData(nameof(Procedures))]
    public async Task A_shipped_procedure_exported_imports_into_another_server_exports_back_unchanged_and_runs_the_same(string definitionId)
    {
        var exported = await Export(shipped, definitionId);
        JsonNode.Parse(exported)!["$schema"]!.GetValue<string>().ShouldBe("https://elsaworkflows.io/schemas/workflow-definition/v3.0.0/schema.json");

        var admin = second.CreateClientFor(County, Roles.Administrator);
        var imported = await admin.PostAsync("/elsa/api/workflow-definitions/import", new StringContent(exported, Encoding.UTF8, "application/json"));
        imported.StatusCode.ShouldBe(HttpStatusCode.OK, await imported.Content.ReadAsStringAsync());
        var published = await admin.PostAsync($"/elsa/api/workflow-definitions/{definitionId}/publish", null);
        published.IsSuccessStatusCode.ShouldBeTrue(await published.Content.ReadAsStringAsync());

        var back = await Export(second, definitionId);
        JsonNode.DeepEquals(Content(back), Content(exported)).ShouldBeTrue($"{definitionId} changed on the way:\n{back}");

        var cadre = Guid.NewGuid();
        var (steps, waits) = await Run(shipped, definitionId, cadre);
        var (stepsThere, waitsThere) = await Run(second, definitionId, cadre);
        stepsThere.ShouldBe(steps);
        waitsThere.ShouldBe(waits);
        steps.Length.ShouldBeGreaterThan(2, "more than the start and its saved state"); // it ran some of its steps
    }
}
