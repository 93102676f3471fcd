using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Orchestration.ServiceDefaults.Security;
using Orchestration.Testing;
using Shouldly;
using Xunit;

namespace Orchestration.Studio.Tests;

/// <summary>The Elsa API the Studio uses, over the runtime: export/import round trip, validation answers, input types.</summary>
public sealed class ElsaApiTests : IClassFixture<ServersFixture>, IAsyncLifetime
{
    readonly WorkflowServer server;

    // The shipped procedures start from services' facts: on the shared broker they would answer other test projects' services.
    public ElsaApiTests(ServersFixture servers) => server = new WorkflowServer(servers) { OwnBroker = true };

    sealed class WorkflowServer(ServersFixture servers) : ServiceHost<Program>(servers, "Workflows")
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            var directory = new DirectoryInfo(AppContext.BaseDirectory);
            while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Orchestration.sln"))) directory = directory.Parent;
            builder.UseSetting("Workflows:DefinitionsDirectory", Path.Combine(directory!.FullName, "workflows"));
        }
    }

    public Task InitializeAsync() => server.StartedAsync();

    public async Task DisposeAsync() => await server.DisposeAsync();

    HttpClient Administrator() => server.CreateClientFor("county-a", Roles.Administrator);

    static readonly string[] VersionFields = ["id", "version", "isLatest", "isPublished", "createdAt", "links", "$schema", "isReadonly", "isSystem", "materializerName"];

    static JsonObject Content(JsonNode definition)
    {
        var copy = definition.DeepClone().AsObject();
        foreach (var field in VersionFields) copy.Remove(field);
        return copy;
    }

    [Fact]
    public async Task An_export_imported_back_gives_an_identical_definition()
    {
        var exported = JsonNode.Parse(await Administrator().GetStringAsync("/elsa/api/workflow-definitions/cadre-appointment/export?versionOptions=Latest"))!;
        exported["$schema"]!.GetValue<string>().ShouldBe("https://elsaworkflows.io/schemas/workflow-definition/v3.0.0/schema.json");

        var imported = await Administrator().PostAsync("/elsa/api/workflow-definitions/import",
            new StringContent(exported.ToJsonString(), System.Text.Encoding.UTF8, "application/json"));
        imported.StatusCode.ShouldBe(HttpStatusCode.OK, await imported.Content.ReadAsStringAsync());

        var latest = (await Administrator().GetFromJsonAsync<JsonObject>("/elsa/api/workflow-definitions/by-definition-id/cadre-appointment?versionOptions=Latest"))!;
        latest["isReadonly"]!.GetValue<bool>().ShouldBeFalse(); // an administrator designs
        (await server.CreateClientFor("county-a", Roles.OrganizationDepartment)
                .GetFromJsonAsync<JsonObject>("/elsa/api/workflow-definitions/by-definition-id/cadre-appointment?versionOptions=Latest"))!["isReadonly"]!
            .GetValue<bool>().ShouldBeTrue(); // the department's clerk sees the designer read-only
        latest["version"]!.GetValue<int>().ShouldBe(2); // the published version stays; the import is the new draft
        JsonNode.DeepEquals(Content(latest), Content(exported)).ShouldBeTrue(latest.ToJsonString());
    }

    [Fact]
    public async Task A_definition_the_runtime_could_not_run_is_refused_naming_each_activity()
    {
        var model = new JsonObject
        {
            ["definitionId"] = $"broken-{Guid.NewGuid():N}", ["name"] = "Broken",
            ["root"] = new JsonObject
            {
                ["id"] = "root", ["type"] = "Elsa.Flowchart",
                ["activities"] = new JsonArray(new JsonObject { ["id"] = "mystery", ["type"] = "Acme.Unknown", ["version"] = 1 }),
                ["connections"] = new JsonArray(new JsonObject
                {
                    ["source"] = new JsonObject { ["activity"] = "mystery", ["port"] = "Done" },
                    ["target"] = new JsonObject { ["activity"] = "nowhere", ["port"] = "In" },
                }),
            },
        };

        var response = await Administrator().PostAsJsonAsync("/elsa/api/workflow-definitions", new { model, publish = false });

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        errors.GetProperty("activities.nowhere")[0].GetString()!.ShouldContain("not in the flowchart");
        (await Administrator().GetAsync($"/elsa/api/workflow-definitions/by-definition-id/{model["definitionId"]}?versionOptions=Latest"))
            .StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task An_unknown_activity_type_is_kept_as_a_missing_activity_in_a_draft_and_publishing_it_is_refused_naming_it()
    {
        var model = new JsonObject
        {
            ["definitionId"] = $"missing-{Guid.NewGuid():N}", ["name"] = "Imported",
            ["root"] = new JsonObject
            {
                ["id"] = "root", ["type"] = "Elsa.Flowchart",
                ["activities"] = new JsonArray(new JsonObject { ["id"] = "mystery", ["type"] = "Acme.Unknown", ["version"] = 1 }),
                ["connections"] = new JsonArray(),
            },
        };

        (await Administrator().PostAsJsonAsync("/elsa/api/workflow-definitions", new { model, publish = false })).IsSuccessStatusCode.ShouldBeTrue();
        var published = await Administrator().PostAsJsonAsync("/elsa/api/workflow-definitions", new { model, publish = true });

        published.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await published.Content.ReadAsStringAsync()).ShouldContain("mystery");
    }

    async Task<string> Draft()
    {
        var definitionId = $"bulk-{Guid.NewGuid():N}";
        var model = JsonNode.Parse($$"""
            { "definitionId": "{{definitionId}}", "name": "Bulk {{definitionId}}",
              "root": { "id": "root", "type": "Elsa.Flowchart", "activities": [
                { "id": "wait", "type": "Elsa.Delay", "version": 1,
                  "workingDays": { "typeName": "Int32", "expression": { "type": "Literal", "value": "3" } } } ], "connections": [] } }
            """)!;
        var saved = await Administrator().PostAsJsonAsync("/elsa/api/workflow-definitions", new { model, publish = false });
        saved.StatusCode.ShouldBe(HttpStatusCode.OK, await saved.Content.ReadAsStringAsync());
        return definitionId;
    }

    async Task<JsonObject> Bulk(string action, params string[] definitionIds)
    {
        var response = await Administrator().PostAsJsonAsync($"/elsa/api/bulk-actions/{action}", new { definitionIds });
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    static string[] Names(JsonObject answer, string field) => [.. answer[field]!.AsArray().Select(n => n!.GetValue<string>())];

    [Fact]
    public async Task The_definition_lists_bulk_actions_publish_retract_and_delete_and_name_what_they_could_not_do()
    {
        var (first, second) = (await Draft(), await Draft());

        var published = await Bulk("publish/workflow-definitions/by-definition-ids", first, second, "no-such-procedure");
        Names(published, "published").ShouldBe([first, second]);
        Names(published, "notFound").ShouldBe(["no-such-procedure"]);
        Names(await Bulk("publish/workflow-definitions/by-definition-ids", first), "alreadyPublished").ShouldBe([first]);

        var retracted = await Bulk("retract/workflow-definitions/by-definition-ids", first, second);
        Names(retracted, "retracted").ShouldBe([first, second]);
        Names(await Bulk("retract/workflow-definitions/by-definition-ids", first), "alreadyRetracted").ShouldBe([first]);

        (await Bulk("delete/workflow-definitions/by-definition-id", first, second))["deleted"]!.GetValue<int>().ShouldBe(2);
        (await Administrator().GetAsync($"/elsa/api/workflow-definitions/by-definition-id/{first}?versionOptions=Latest")).StatusCode
            .ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_version_is_reverted_to_as_a_new_draft_and_an_unused_draft_version_is_deleted_but_not_the_published_one()
    {
        var definitionId = await Draft();
        await Bulk("publish/workflow-definitions/by-definition-ids", definitionId);
        var v1 = (await Administrator().GetFromJsonAsync<JsonObject>($"/elsa/api/workflow-definitions/by-definition-id/{definitionId}?versionOptions=Latest"))!;
        var changed = v1.DeepClone().AsObject();
        changed["root"]!["activities"]![0]!["workingDays"]!["expression"]!["value"] = "7";
        changed.Remove("id");
        (await Administrator().PostAsJsonAsync("/elsa/api/workflow-definitions", new { model = changed, publish = false })).EnsureSuccessStatusCode();

        var reverted = await Administrator().PostAsync($"/elsa/api/workflow-definitions/{definitionId}/revert/1", null);
        reverted.StatusCode.ShouldBe(HttpStatusCode.OK, await reverted.Content.ReadAsStringAsync());
        var draft = (await reverted.Content.ReadFromJsonAsync<JsonObject>())!;
        draft["version"]!.GetValue<int>().ShouldBe(2);
        draft["isPublished"]!.GetValue<bool>().ShouldBeFalse();
        draft["root"]!["activities"]![0]!["workingDays"]!["expression"]!["value"]!.GetValue<string>().ShouldBe("3");
        (await Administrator().PostAsync($"/elsa/api/workflow-definitions/{definitionId}/revert/9", null)).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        var publishedVersion = v1["id"]!.GetValue<string>();
        (await Administrator().DeleteAsync($"/elsa/api/workflow-definition-versions/{publishedVersion}")).StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await Administrator().DeleteAsync($"/elsa/api/workflow-definition-versions/{draft["id"]!.GetValue<string>()}")).StatusCode
            .ShouldBe(HttpStatusCode.NoContent);
        var latest = (await Administrator().GetFromJsonAsync<JsonObject>($"/elsa/api/workflow-definitions/by-definition-id/{definitionId}?versionOptions=Latest"))!;
        latest["id"]!.GetValue<string>().ShouldBe(publishedVersion);
        latest["isLatest"]!.GetValue<bool>().ShouldBeTrue();
        (await server.CreateClientFor("county-b", Roles.Administrator).DeleteAsync($"/elsa/api/workflow-definition-versions/{publishedVersion}"))
            .StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    static string Model(string definitionId) => $$"""
        { "definitionId": "{{definitionId}}", "name": "Imported {{definitionId}}",
          "root": { "id": "root", "type": "Elsa.Flowchart", "activities": [
            { "id": "wait", "type": "Elsa.Delay", "version": 1,
              "workingDays": { "typeName": "Int32", "expression": { "type": "Literal", "value": "2" } } } ], "connections": [] } }
        """;

    [Fact]
    public async Task Several_files_import_as_drafts_a_json_and_a_zip_of_them_or_none_when_one_is_not_a_definition()
    {
        var (single, zipped) = ($"file-{Guid.NewGuid():N}", $"zipped-{Guid.NewGuid():N}");
        using var archive = new MemoryStream();
        using (var zip = new System.IO.Compression.ZipArchive(archive, System.IO.Compression.ZipArchiveMode.Create, leaveOpen: true))
        await using (var entry = new StreamWriter(zip.CreateEntry($"{zipped}.json").Open()))
            await entry.WriteAsync(Model(zipped));
        using var form = new MultipartFormDataContent
        {
            { new StringContent(Model(single)), "files", $"{single}.json" },
            { new ByteArrayContent(archive.ToArray()), "files", "definitions.zip" },
        };

        var imported = await Administrator().PostAsync("/elsa/api/workflow-definitions/import-files", form);

        imported.StatusCode.ShouldBe(HttpStatusCode.OK, await imported.Content.ReadAsStringAsync());
        (await imported.Content.ReadFromJsonAsync<JsonObject>())!["count"]!.GetValue<int>().ShouldBe(2);
        foreach (var definitionId in new[] { single, zipped })
            (await Administrator().GetFromJsonAsync<JsonObject>($"/elsa/api/workflow-definitions/by-definition-id/{definitionId}?versionOptions=Latest"))!
                ["isPublished"]!.GetValue<bool>().ShouldBeFalse();

        var other = $"other-{Guid.NewGuid():N}";
        using var broken = new MultipartFormDataContent
        {
            { new StringContent(Model(other)), "files", $"{other}.json" },
            { new StringContent("[1, 2"), "files", "notes.json" },
        };
        var refused = await Administrator().PostAsync("/elsa/api/workflow-definitions/import-files", broken);
        refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await refused.Content.ReadAsStringAsync()).ShouldContain("notes.json");
        (await Administrator().GetAsync($"/elsa/api/workflow-definitions/by-definition-id/{other}?versionOptions=Latest")).StatusCode
            .ShouldBe(HttpStatusCode.NotFound);
    }

    async Task<JsonArray> Instances(object query, string county = "county-a")
    {
        var response = await server.CreateClientFor(county, Roles.Administrator).PostAsJsonAsync("/elsa/api/workflow-instances", query);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!["items"]!.AsArray();
    }

    [Fact]
    public async Task The_instance_list_filters_by_status_cadre_search_and_time_pages_and_orders_as_the_studio_asks()
    {
        var definitionId = await Draft();
        await Bulk("publish/workflow-definitions/by-definition-ids", definitionId);
        var department = server.CreateClientFor("county-a", Roles.OrganizationDepartment);
        async Task<Guid> Start(Guid cadreId)
        {
            var started = await department.PostAsJsonAsync($"/api/workflows/{definitionId}/instances", new { input = new { cadreId } });
            started.StatusCode.ShouldBe(HttpStatusCode.Created, await started.Content.ReadAsStringAsync());
            return (await started.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<Guid>();
        }
        var (cadre1, cadre2) = (Guid.NewGuid(), Guid.NewGuid());
        var (running, cancelled) = (await Start(cadre1), await Start(cadre2));
        (await Administrator().PostAsync($"/elsa/api/cancel/workflow-instances/{cancelled}", null)).EnsureSuccessStatusCode();
        static Guid[] Ids(JsonArray items) => [.. items.Select(i => Guid.Parse(i!["id"]!.GetValue<string>()))];

        Ids(await Instances(new { definitionId, subStatuses = new[] { "Cancelled" } })).ShouldBe([cancelled]);
        Ids(await Instances(new { definitionId, statuses = new[] { "Running" } })).ShouldBe([running]);
        var byCadre = await Instances(new { correlationId = cadre1.ToString() });
        Ids(byCadre).ShouldBe([running]);
        byCadre[0]!["correlationId"]!.GetValue<string>().ShouldBe(cadre1.ToString());
        Ids(await Instances(new { searchTerm = cadre2.ToString() })).ShouldBe([cancelled]);
        // Once the cadre's file gives the name, the instance is listed and found by the person.
        await using (var scope = server.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<Orchestration.Workflows.Data.WorkflowDbContext>();
            db.Set<Orchestration.Workflows.Records.CadreName>().Add(new() { TenantId = "county-a", CadreId = cadre1, Name = "王丽华", UpdatedAt = DateTimeOffset.UtcNow });
            await db.SaveChangesAsync();
        }
        var byName = await Instances(new { searchTerm = "王丽华" });
        Ids(byName).ShouldBe([running]);
        byName[0]!["name"]!.GetValue<string>().ShouldEndWith(" · 王丽华");
        (await Instances(new { searchTerm = "王丽华" }, county: "county-b")).ShouldBeEmpty();
        (await Administrator().GetFromJsonAsync<JsonObject>($"/elsa/api/workflow-instances/{running}"))!["name"]!.GetValue<string>().ShouldEndWith(" · 王丽华");
        Ids(await Instances(new { definitionId, page = 1, pageSize = 1, orderDirection = "Ascending" })).ShouldBe([cancelled]);
        Ids(await Instances(new { definitionId, page = 0, pageSize = 1, orderDirection = "Descending" })).ShouldBe([cancelled]);
        (await Instances(new
        {
            definitionId, timestampFilters = new[] { new { column = "CreatedAt", @operator = "GreaterThan", timestamp = DateTimeOffset.UtcNow.AddDays(1) } },
        })).ShouldBeEmpty();
        (await Instances(new { definitionId, hasIncidents = true })).ShouldBeEmpty();
        (await Instances(new { correlationId = cadre1.ToString() }, county: "county-b")).ShouldBeEmpty();

        // Bulk actions of the list: another county's cancel touches nothing; the county's own cancels what is still going.
        var third = await Start(Guid.NewGuid());
        async Task<int> BulkCancel(string county, params Guid[] ids)
        {
            var response = await server.CreateClientFor(county, Roles.OrganizationDepartment).PostAsJsonAsync("/elsa/api/bulk-actions/cancel/workflow-instances",
                new { ids = ids.Select(i => i.ToString()) });
            response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
            return (await response.Content.ReadFromJsonAsync<JsonObject>())!["cancelled"]!.GetValue<int>();
        }
        (await BulkCancel("county-b", running, third)).ShouldBe(0);
        Ids(await Instances(new { definitionId, statuses = new[] { "Running" } })).Order().ShouldBe(new[] { running, third }.Order());
        (await BulkCancel("county-a", running, third, cancelled)).ShouldBe(2); // the one already cancelled is not counted again
        (await Instances(new { definitionId, statuses = new[] { "Running" } })).ShouldBeEmpty();
        var deleted = await department.PostAsJsonAsync("/elsa/api/bulk-actions/delete/workflow-instances/by-id", new { ids = new[] { running.ToString() } });
        deleted.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await deleted.Content.ReadAsStringAsync()).ShouldContain("C1");
    }

    [Fact]
    public async Task The_instance_viewer_opens_an_execution_by_id_cancels_from_the_list_and_is_told_an_instance_is_kept()
    {
        var definitionId = await Draft();
        await Bulk("publish/workflow-definitions/by-definition-ids", definitionId);
        var department = server.CreateClientFor("county-a", Roles.OrganizationDepartment);
        var started = await department.PostAsJsonAsync($"/api/workflows/{definitionId}/instances", new { input = new { } });
        started.StatusCode.ShouldBe(HttpStatusCode.Created, await started.Content.ReadAsStringAsync());
        var instanceId = (await started.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<Guid>();

        var executions = (await Administrator().GetFromJsonAsync<JsonObject>(
            $"/elsa/api/activity-executions/list?WorkflowInstanceId={instanceId}&ActivityNodeId=Workflow1:root:wait"))!["items"]!.AsArray();
        var executionId = executions.ShouldHaveSingleItem()!["id"]!.GetValue<string>();
        var execution = (await Administrator().GetFromJsonAsync<JsonObject>($"/elsa/api/activity-executions/by-id?id={executionId}"))!;
        execution["activityId"]!.GetValue<string>().ShouldBe("wait");
        execution["status"]!.GetValue<string>().ShouldBe("Running");
        (await Administrator().GetAsync("/elsa/api/activity-executions/by-id?id=nonsense")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await server.CreateClientFor("county-b", Roles.Administrator).GetAsync($"/elsa/api/activity-executions/by-id?id={executionId}"))
            .StatusCode.ShouldBe(HttpStatusCode.NotFound);

        var deleted = await Administrator().DeleteAsync($"/elsa/api/workflow-instances/{instanceId}");
        deleted.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        var kept = (await deleted.Content.ReadFromJsonAsync<JsonObject>())!;
        (kept["rule"]!.GetValue<string>(), kept["ruleName"]!.GetValue<string>()).ShouldBe(("C1", "选任全程纪实"));
        (await Administrator().PostAsync($"/elsa/api/cancel/workflow-instances/{instanceId}", null)).StatusCode.ShouldBe(HttpStatusCode.OK);
        var instance = (await Administrator().GetFromJsonAsync<JsonObject>($"/api/workflows/instances/{instanceId}"))!;
        instance.ToJsonString().ShouldContain("Cancelled");
    }

    /// <summary>
    /// A branch that reaches a join waiting for all its paths is journaled as arrived, not as a completed join: the instance viewer
    /// shows the join's one execution, when the last path arrives, as Elsa does.
    /// </summary>
    [Fact]
    public async Task A_WaitAll_join_shows_one_execution_in_the_instance_viewer_however_many_paths_arrive()
    {
        var definitionId = $"join-{Guid.NewGuid():N}";
        static string Text(string value) => $$"""{ "typeName": "String", "expression": { "type": "Literal", "value": "{{value}}" } }""";
        static string Connection(string source, string port, string target) =>
            $$"""{ "source": { "activity": "{{source}}", "port": "{{port}}" }, "target": { "activity": "{{target}}", "port": "In" } }""";
        var model = JsonNode.Parse($$"""
            { "definitionId": "{{definitionId}}", "name": "Join {{definitionId}}",
              "root": { "id": "root", "type": "Elsa.Flowchart", "activities": [
                { "id": "fork", "type": "Elsa.FlowFork", "version": 1, "branches": {{Text("Left,Right")}} },
                { "id": "left", "type": "Elsa.WriteLine", "version": 1, "text": {{Text("left")}} },
                { "id": "right", "type": "Elsa.WriteLine", "version": 1, "text": {{Text("right")}} },
                { "id": "join", "type": "Elsa.FlowJoin", "version": 1, "mode": {{Text("WaitAll")}} },
                { "id": "end", "type": "Elsa.End", "version": 1 } ],
                "connections": [ {{Connection("fork", "Left", "left")}}, {{Connection("fork", "Right", "right")}},
                  {{Connection("left", "Done", "join")}}, {{Connection("right", "Done", "join")}}, {{Connection("join", "Done", "end")}} ] } }
            """)!;
        var saved = await Administrator().PostAsJsonAsync("/elsa/api/workflow-definitions", new { model, publish = true });
        saved.StatusCode.ShouldBe(HttpStatusCode.OK, await saved.Content.ReadAsStringAsync());
        var started = await server.CreateClientFor("county-a", Roles.OrganizationDepartment)
            .PostAsJsonAsync($"/api/workflows/{definitionId}/instances", new { input = new { } });
        started.StatusCode.ShouldBe(HttpStatusCode.Created, await started.Content.ReadAsStringAsync());
        var instanceId = (await started.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<Guid>();

        var instance = (await Administrator().GetFromJsonAsync<JsonObject>($"/api/workflows/instances/{instanceId}"))!;
        instance["instance"]!["status"]!.GetValue<string>().ShouldBe("Finished");
        var joinEntries = instance["journal"]!.AsArray().Where(j => j!["activityId"]?.GetValue<string>() == "join")
            .Select(j => (Event: j!["eventName"]!.GetValue<string>(), Message: j["message"]?.GetValue<string>())).ToList();
        joinEntries.Select(j => j.Event).ShouldBe(["Started", "Arrived", "Started", "Completed"]);
        joinEntries[1].Message.ShouldBeOneOf("awaiting left", "awaiting right");

        var executions = (await Administrator().GetFromJsonAsync<JsonObject>(
            $"/elsa/api/activity-executions/list?WorkflowInstanceId={instanceId}&ActivityNodeId=Workflow1:root:join"))!["items"]!.AsArray();
        executions.ShouldHaveSingleItem()!["status"]!.GetValue<string>().ShouldBe("Completed");
        var report = await Administrator().PostAsJsonAsync("/elsa/api/activity-executions/report",
            new { workflowInstanceId = instanceId, activityNodeIds = new[] { "Workflow1:root:join", "Workflow1:root:left" } });
        report.StatusCode.ShouldBe(HttpStatusCode.OK, await report.Content.ReadAsStringAsync());
        var stats = (await report.Content.ReadFromJsonAsync<JsonObject>())!["stats"]!.AsArray();
        foreach (var stat in stats)
        {
            stat!["startedCount"]!.GetValue<int>().ShouldBe(1, stat.ToJsonString());
            stat["completedCount"]!.GetValue<int>().ShouldBe(1, stat.ToJsonString());
            stat["uncompletedCount"]!.GetValue<int>().ShouldBe(0, stat.ToJsonString());
        }
    }

    [Fact]
    public async Task An_input_edited_for_the_first_time_takes_its_type_from_the_descriptor()
    {
        var definitionId = $"typed-{Guid.NewGuid():N}";
        var model = JsonNode.Parse($$"""
            { "definitionId": "{{definitionId}}", "name": "Typed",
              "root": { "id": "root", "type": "Elsa.Flowchart", "activities": [
                { "id": "wait", "type": "Elsa.Delay", "version": 1,
                  "workingDays": { "typeName": null, "expression": { "type": "Literal", "value": "3" } } } ], "connections": [] } }
            """)!;

        var response = await Administrator().PostAsJsonAsync("/elsa/api/workflow-definitions", new { model, publish = true });

        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var saved = (await response.Content.ReadFromJsonAsync<JsonObject>())!["workflowDefinition"]!;
        saved["root"]!["activities"]![0]!["workingDays"]!["typeName"]!.GetValue<string>().ShouldBe("Int32");
        saved["root"]!["activities"]![0]!["nodeId"]!.GetValue<string>().ShouldBe("Workflow1:root:wait");
        saved["isPublished"]!.GetValue<bool>().ShouldBeTrue();
    }

    [Fact]
    public async Task Every_activity_type_of_the_shipped_definitions_has_a_descriptor()
    {
        var descriptors = (await Administrator().GetFromJsonAsync<JsonObject>("/elsa/api/descriptors/activities"))!["items"]!.AsArray()
            .Select(d => d!["typeName"]!.GetValue<string>()).ToHashSet();
        var definition = (await Administrator().GetFromJsonAsync<JsonObject>("/elsa/api/workflow-definitions/by-definition-id/cadre-appointment?versionOptions=Published"))!;

        descriptors.ShouldContain("Elsa.Flowchart");
        foreach (var activity in definition["root"]!["activities"]!.AsArray())
            descriptors.ShouldContain(activity!["type"]!.GetValue<string>());
    }
}
