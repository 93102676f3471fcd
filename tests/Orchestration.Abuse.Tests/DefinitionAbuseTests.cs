extern alias workflows;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Orchestration.Workflows.Data;
using Shouldly;
using Xunit;
using static Orchestration.Testing.Definition;

namespace Orchestration.Abuse.Tests;

/// <summary>
/// The review's definition inputs (section 5): unreadable and mistyped JSON, calendar inputs that cannot be read, ids that cannot be
/// addressed, and definitions too large to keep; scripts that allocate or return too much. Every one is refused with 400 or 413,
/// the host stays up and nothing of them is stored.
/// </summary>
[Collection(AbuseCollection.Name)]
public sealed class DefinitionAbuseTests(AbuseSystem system)
{
    const string Definitions = "/elsa/api/workflow-definitions";

    static string Save(JsonObject model, bool publish = true) => new JsonObject { ["model"] = model, ["publish"] = publish }.ToJsonString();

    static JsonObject Simple(string id) => Flowchart(id, [Activity("start", "Elsa.Start"), Activity("end", "Elsa.End")], [("start", "Done", "end")]);

    static JsonObject Mutated(string id, Action<JsonObject> mutate)
    {
        var model = Simple(id);
        mutate(model);
        return model;
    }

    static JsonObject StartedBy(string id, string type, string input, string value)
    {
        var trigger = Activity("trigger", type, (input, value));
        trigger["customProperties"] = new JsonObject { ["canStartWorkflow"] = true };
        return Flowchart(id, [trigger, Activity("end", "Elsa.End")], [("trigger", "Done", "end")]);
    }

    public static TheoryData<string, string> MistypedModels() => new()
    {
        { "numeric activity id", Mutated("x", m => m["root"]!["activities"]![0]!["id"] = 5).ToJsonString() },
        { "numeric activity type", Mutated("x", m => m["root"]!["activities"]![0]!["type"] = 7).ToJsonString() },
        { "numeric expression type", Flowchart("x", [Activity("w", "Elsa.WriteLine").With("text", new JsonObject { ["expression"] = new JsonObject { ["type"] = 5, ["value"] = "a" } })], []).ToJsonString() },
        { "numeric script", Flowchart("x", [Activity("w", "Elsa.WriteLine").With("text", new JsonObject { ["expression"] = new JsonObject { ["type"] = "JavaScript", ["value"] = 42 } })], []).ToJsonString() },
        { "legacy numeric source", Mutated("x", m => m["root"]!["connections"] = new JsonArray(new JsonObject { ["source"] = 1, ["target"] = "end" })).ToJsonString() },
        { "numeric definition id", Mutated("x", m => m["definitionId"] = 12).ToJsonString() },
        { "1,000-character definition id", Simple(new string('d', 1000)).ToJsonString() },
        { "path as definition id", Simple("../../etc/passwd").ToJsonString() },
        { "bad cron", StartedBy("x", "Elsa.Cron", "cronExpression", "not a cron").ToJsonString() },
        { "bad timer", StartedBy("x", "Elsa.Timer", "interval", "abc").ToJsonString() },
        { "bad start time", StartedBy("x", "Elsa.StartAt", "dateTime", "garbage").ToJsonString() },
        { "501 activities", Chain("x", 501).ToJsonString() },
    };

    [Theory]
    [MemberData(nameof(MistypedModels))]
    public async Task A_definition_the_runtime_could_not_run_is_refused_on_save(string what, string model)
    {
        var tenant = AbuseSystem.NewTenant("definitions");
        var client = system.Client("workflows", tenant);

        var saved = await client.PostJson(Definitions, $$"""{"model":{{model}},"publish":true}""");

        await saved.ShouldBeProblem(HttpStatusCode.BadRequest);
        (await system.StoredRows("workflows", tenant)).ShouldBe(0, what);
    }

    [Theory]
    [InlineData("{\"definitionId\":\"x\",")]
    [InlineData("[1,2,3]")]
    [InlineData("\"a definition\"")]
    public async Task An_import_that_is_not_a_json_object_is_refused(string body)
    {
        var tenant = AbuseSystem.NewTenant("import");
        var response = await system.Client("workflows", tenant).PostJson($"{Definitions}/import", body);

        await response.ShouldBeProblem(HttpStatusCode.BadRequest, "body");
        (await system.StoredRows("workflows", tenant)).ShouldBe(0);
    }

    [Fact]
    public async Task A_five_megabyte_chain_of_twenty_thousand_activities_is_refused_and_the_host_stays_up()
    {
        var tenant = AbuseSystem.NewTenant("huge");
        var client = system.Client("workflows", tenant);
        var model = Chain("huge-chain", 20_000);
        var body = Save(model);
        body.Length.ShouldBeGreaterThan(4_000_000);

        var saved = await client.PostJson(Definitions, body);
        ((int)saved.StatusCode).ShouldBeOneOf(400, 413);
        (await client.PostJson($"{Definitions}/import", model.ToJsonString())).StatusCode.ShouldBe(HttpStatusCode.RequestEntityTooLarge);

        (await system.Workflows.CreateClient().GetAsync("/health/live")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await system.StoredRows("workflows", tenant)).ShouldBe(0);
    }

    [Fact]
    public async Task A_chain_of_four_hundred_activities_is_saved_and_runs()
    {
        var tenant = AbuseSystem.NewTenant("chain");
        var client = system.Client("workflows", tenant);

        var saved = await client.PostJson(Definitions, Save(Chain("long-chain", 400)));
        saved.StatusCode.ShouldBe(HttpStatusCode.OK, await saved.Content.ReadAsStringAsync());

        var started = await client.PostJson("/api/workflows/long-chain/instances", "{}");
        started.StatusCode.ShouldBe(HttpStatusCode.Created, await started.Content.ReadAsStringAsync());
        (await started.Content.ReadAsStringAsync()).ShouldContain("\"Finished\"");
    }

    [Theory]
    [InlineData("'x'.repeat(50000000).length")]
    [InlineData("'y'.repeat(20000000)")]
    [InlineData("setVariable('Big', 'z'.repeat(5000000)); 1")]
    public async Task A_script_that_builds_a_huge_string_faults_and_keeps_nothing_of_it(string script)
    {
        var tenant = AbuseSystem.NewTenant("script");
        var client = system.Client("workflows", tenant);
        var id = $"script-{Guid.NewGuid():N}"[..20];
        var model = Flowchart(id,
            [Activity("start", "Elsa.Start"), Activity("set", "Elsa.SetVariable").With("variable", new JsonObject { ["name"] = "Big" }).With("value", JavaScript(script)), Activity("end", "Elsa.End")],
            [("start", "Done", "set"), ("set", "Done", "end")], ("Big", "Object", ""));
        (await client.PostJson(Definitions, Save(model))).StatusCode.ShouldBe(HttpStatusCode.OK);

        var started = await client.PostJson($"/api/workflows/{id}/instances", "{}");
        ((int)started.StatusCode).ShouldBeLessThan(500, await started.Content.ReadAsStringAsync());

        await using var scope = system.Workflows.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<WorkflowDbContext>();
        var instances = await db.Instances.AsNoTracking().Where(i => i.TenantId == tenant).ToListAsync();
        instances.ShouldHaveSingleItem().Status.ToString().ShouldNotBe("Finished");
        instances[0].StateJson.Length.ShouldBeLessThan(1_000_000);
        (await db.Journal.AsNoTracking().Where(j => j.InstanceId == instances[0].Id).SumAsync(j => (long)(j.PayloadJson ?? "").Length)).ShouldBeLessThan(1_000_000);
    }

    [Fact]
    public async Task Events_with_a_nul_character_or_a_twenty_megabyte_payload_are_refused()
    {
        var tenant = AbuseSystem.NewTenant("events");
        var client = system.Client("workflows", tenant);

        var huge = await client.PostJson("/api/workflows/events", $$$"""{"eventName":"go","correlationKey":"k","payload":{"v":"{{{new string('v', 20_000_000)}}}"}}""");
        await huge.ShouldBeProblem(HttpStatusCode.RequestEntityTooLarge);

        var nul = await client.PostJson("/api/workflows/events", """{"eventName":"go\u0000","correlationKey":"k","payload":{}}""");
        ((int)nul.StatusCode).ShouldBeLessThan(500, await nul.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Concurrent_cancels_and_events_on_one_instance_never_answer_500()
    {
        var tenant = AbuseSystem.NewTenant("cancel");
        var client = system.Client("workflows", tenant);
        var id = $"waits-{Guid.NewGuid():N}"[..20];
        var model = Flowchart(id,
            [Activity("start", "Elsa.Start"), Activity("wait", "Elsa.Event", ("eventName", "go")).With("correlationKey", JavaScript("'k-' + getInput('key')")), Activity("end", "Elsa.End")],
            [("start", "Done", "wait"), ("wait", "Done", "end")]);
        (await client.PostJson(Definitions, Save(model))).StatusCode.ShouldBe(HttpStatusCode.OK);

        for (var round = 0; round < 2; round++)
        {
            var started = await client.PostJson($"/api/workflows/{id}/instances", $$$"""{"input":{"key":"{{{round}}}"}}""");
            started.StatusCode.ShouldBe(HttpStatusCode.Created, await started.Content.ReadAsStringAsync());
            var instance = JsonNode.Parse(await started.Content.ReadAsStringAsync())!["id"]!.GetValue<string>();

            var answers = await Task.WhenAll(Enumerable.Range(0, 16).Select(i => round == 0
                ? client.PostAsync($"/api/workflows/instances/{instance}/cancel", null)
                : client.PostJson("/api/workflows/events", $$$"""{"eventName":"go","correlationKey":"k-{{{round}}}","payload":{}}""")));
            foreach (var answer in answers)
                ((int)answer.StatusCode).ShouldBeLessThan(500, await answer.Content.ReadAsStringAsync());
        }
    }
}
