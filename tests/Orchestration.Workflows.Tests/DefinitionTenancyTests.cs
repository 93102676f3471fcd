using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using Orchestration.ServiceDefaults.Security;
using Orchestration.Testing;
using Orchestration.Workflows.Runtime;
using Shouldly;
using Xunit;
using static Orchestration.Testing.Definition;

namespace Orchestration.Workflows.Tests;

/// <summary>
/// Definitions per county, attacked over HTTP as the Studio calls the API: a county's administrator changes only what its county
/// runs; the shipped procedures are a read-only library; saves are optimistic (ETag) and a version in use cannot be deleted.
/// </summary>
public sealed class DefinitionTenancyTests(ServersFixture servers) : IClassFixture<ServersFixture>, IAsyncLifetime
{
    const string CountyA = "county-test";
    const string CountyB = "county-north";
    readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 12, 7, 2, 0, 0, TimeSpan.Zero));
    RuntimeHost host = null!;

    public async Task InitializeAsync()
    {
        host = new RuntimeHost(servers, servers.Postgres.NewDatabase("workflows"), clock, overRabbitMq: false);
        await host.Publish(Waiting("library-procedure", "library"));
    }

    public async Task DisposeAsync() => await host.DisposeAsync();

    static JsonObject Waiting(string definitionId, string marker) => Flowchart(definitionId,
        [Activity("mark", "Elsa.SetVariable").With("variable", new() { ["id"] = "Marker", ["name"] = "Marker" }).With("value", Literal(marker)),
         Activity("wait", "Elsa.Event", ("eventName", "go")), Activity("end", "Elsa.End")],
        [("mark", "Done", "wait"), ("wait", "Done", "end")], ("Marker", "String", ""));

    HttpClient Admin(string tenant) => host.CreateClientFor(tenant, Roles.Administrator);

    HttpClient Department(string tenant) => host.CreateClientFor(tenant, Roles.OrganizationDepartment);

    static Task<HttpResponseMessage> Save(HttpClient client, JsonObject model, bool publish, string? ifMatch = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/elsa/api/workflow-definitions")
        {
            Content = JsonContent.Create(new JsonObject { ["model"] = model, ["publish"] = publish }),
        };
        if (ifMatch is not null) request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        return client.SendAsync(request);
    }

    async Task<string> StartedMarker(string tenant, string definitionId)
    {
        var response = await Department(tenant).PostAsJsonAsync($"/api/workflows/{definitionId}/instances", new { input = new { } });
        response.StatusCode.ShouldBe(HttpStatusCode.Created);
        var id = (await response.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<Guid>();
        return InstanceState.FromJson((await host.Instance(id)).StateJson).Variables["Marker"]!.GetValue<string>();
    }

    [Fact]
    public async Task A_countys_own_version_changes_what_it_runs_and_nothing_another_county_runs()
    {
        (await Save(Admin(CountyA), Waiting("library-procedure", "county-a's own"), publish: true)).StatusCode.ShouldBe(HttpStatusCode.OK);

        (await StartedMarker(CountyA, "library-procedure")).ShouldBe("county-a's own");
        (await StartedMarker(CountyB, "library-procedure")).ShouldBe("library");

        // County B sees the library's version only; county A sees its own, numbered after the library's.
        var seenByB = (await Admin(CountyB).GetFromJsonAsync<JsonObject>("/elsa/api/workflow-definitions/by-definition-id/library-procedure"))!;
        seenByB["version"]!.GetValue<int>().ShouldBe(1);
        var seenByA = (await Admin(CountyA).GetFromJsonAsync<JsonObject>("/elsa/api/workflow-definitions/by-definition-id/library-procedure"))!;
        seenByA["version"]!.GetValue<int>().ShouldBe(2);
        (await Admin(CountyB).GetAsync($"/elsa/api/workflow-definitions/by-id/{seenByA["id"]}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_county_cannot_retract_delete_or_read_another_countys_definition_nor_delete_the_library()
    {
        (await Save(Admin(CountyB), Waiting("north-only", "north"), publish: true)).StatusCode.ShouldBe(HttpStatusCode.OK);

        (await Admin(CountyA).GetAsync("/elsa/api/workflow-definitions/by-definition-id/north-only")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await Admin(CountyA).DeleteAsync("/elsa/api/workflow-definitions/north-only")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await Admin(CountyA).PostAsync("/elsa/api/workflow-definitions/north-only/retract", null)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var list = (await Admin(CountyA).GetFromJsonAsync<JsonObject>("/elsa/api/workflow-definitions?versionOptions=Latest"))!;
        list["items"]!.AsArray().Select(i => i!["definitionId"]!.GetValue<string>()).ShouldNotContain("north-only");
        (await StartedMarker(CountyB, "north-only")).ShouldBe("north");

        var deleteLibrary = await Admin(CountyA).DeleteAsync("/elsa/api/workflow-definitions/library-procedure");
        deleteLibrary.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await StartedMarker(CountyB, "library-procedure")).ShouldBe("library");
    }

    [Fact]
    public async Task Retracting_a_library_procedure_stops_it_in_that_county_only()
    {
        (await Admin(CountyA).PostAsync("/elsa/api/workflow-definitions/library-procedure/retract", null)).StatusCode.ShouldBe(HttpStatusCode.OK);

        (await Department(CountyA).PostAsJsonAsync("/api/workflows/library-procedure/instances", new { input = new { } }))
            .StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await StartedMarker(CountyB, "library-procedure")).ShouldBe("library");
    }

    [Fact]
    public async Task Deleting_a_version_an_unfinished_instance_runs_on_is_refused_with_the_count()
    {
        (await Save(Admin(CountyA), Waiting("in-use", "a"), publish: true)).StatusCode.ShouldBe(HttpStatusCode.OK);
        await StartedMarker(CountyA, "in-use");
        await StartedMarker(CountyA, "in-use");

        var refused = await Admin(CountyA).DeleteAsync("/elsa/api/workflow-definitions/in-use");

        refused.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await refused.Content.ReadAsStringAsync()).ShouldContain("2 unfinished instance");
        (await Admin(CountyA).GetAsync("/elsa/api/workflow-definitions/by-definition-id/in-use")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Fifty_concurrent_saves_of_one_draft_give_one_winner_and_49_conflicts()
    {
        var created = await Save(Admin(CountyA), Waiting("contested", "draft"), publish: false);
        created.StatusCode.ShouldBe(HttpStatusCode.OK);
        var etag = created.Headers.ETag!.Tag;

        var answers = await Task.WhenAll(Enumerable.Range(0, 50).Select(i => Save(Admin(CountyA), Waiting("contested", $"edit {i}"), publish: false, ifMatch: etag)));

        answers.Count(a => a.StatusCode == HttpStatusCode.OK).ShouldBe(1);
        answers.Count(a => a.StatusCode is HttpStatusCode.Conflict or HttpStatusCode.PreconditionFailed).ShouldBe(49);
        // The stale ETag is refused from now on, and the winner's edit is what is stored.
        (await Save(Admin(CountyA), Waiting("contested", "late"), publish: false, ifMatch: etag)).StatusCode.ShouldBe(HttpStatusCode.PreconditionFailed);
        var stored = (await Admin(CountyA).GetFromJsonAsync<JsonObject>("/elsa/api/workflow-definitions/by-definition-id/contested"))!;
        stored["version"]!.GetValue<int>().ShouldBe(1);
    }

    [Fact]
    public async Task A_start_sent_again_with_its_idempotency_key_gets_the_first_answer_and_starts_one_instance()
    {
        async Task<HttpResponseMessage> Start(string key, object input)
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "/api/workflows/library-procedure/instances") { Content = JsonContent.Create(new { input }) };
            request.Headers.Add("Idempotency-Key", key);
            return await Department(CountyA).SendAsync(request);
        }

        var key = Guid.NewGuid().ToString();
        var first = await Start(key, new { cadre = "a" });
        var again = await Start(key, new { cadre = "a" });

        first.StatusCode.ShouldBe(HttpStatusCode.Created);
        again.StatusCode.ShouldBe(HttpStatusCode.Created);
        (await again.Content.ReadAsStringAsync()).ShouldBe(await first.Content.ReadAsStringAsync());
        (await host.Instances("library-procedure")).Count.ShouldBe(1);
        (await Start(key, new { cadre = "b" })).StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity); // the key with another body
    }
}
