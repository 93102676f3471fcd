using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Orchestration.ServiceDefaults.Security;
using Orchestration.Testing;
using Orchestration.Workflows.Data;
using Orchestration.Workflows.Runtime;
using Shouldly;
using Xunit;
using static Orchestration.Testing.Definition;

namespace Orchestration.Workflows.Tests;

/// <summary>
/// Elsa's activities through the real runtime on PostgreSQL: Sequence, If, Switch, ForEach with Break, While across waits, Fork with
/// both join modes, SetOutput, Run JavaScript with <c>getOutputFrom</c>, Correlate, Fault, HTTP Request (the county's allow-list),
/// HTTP Endpoint (under <c>/workflows/http</c>), the step budget of a loop that never waits, and missing activities.
/// </summary>
public sealed class ActivityTests : IClassFixture<ServersFixture>, IAsyncLifetime
{
    const string Tenant = "county-test";
    readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 12, 7, 2, 0, 0, TimeSpan.Zero));
    readonly CapturedLog log = new();
    readonly RuntimeHost host;
    WebApplication? remote;

    public ActivityTests(ServersFixture servers) =>
        host = new RuntimeHost(servers, servers.Postgres.NewDatabase("workflows"), clock, overRabbitMq: false)
        {
            MoreServices = services => services.AddSingleton<ILoggerProvider>(log),
            Settings =
            {
                ["Workflows:MaxStepsPerRun"] = "200",
                ["Workflows:HttpAllowedHosts:county-test:0"] = "127.0.0.1",
            },
        };

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (remote is not null) await remote.DisposeAsync();
        await host.DisposeAsync();
    }

    static JsonObject Json(string text) => JsonNode.Parse(text)!.AsObject();

    static string Write(string id, string text) => $$"""{ "id": "{{id}}", "type": "Elsa.WriteLine", "text": { "typeName": "String", "expression": { "type": "Literal", "value": "{{text}}" } } }""";

    static string WriteJs(string id, string code) => $$"""{ "id": "{{id}}", "type": "Elsa.WriteLine", "text": { "typeName": "String", "expression": { "type": "JavaScript", "value": {{JsonValue.Create(code).ToJsonString()}} } } }""";

    static string Js(string code) => $$"""{ "typeName": "Object", "expression": { "type": "JavaScript", "value": {{JsonValue.Create(code).ToJsonString()}} } }""";

    static string WaitFor(string id, string eventName) => $$"""{ "id": "{{id}}", "type": "Elsa.Event", "eventName": { "typeName": "String", "expression": { "type": "Literal", "value": "{{eventName}}" } } }""";

    static string Sequence(string id, params string[] activities) => $$"""{ "id": "{{id}}", "type": "Elsa.Sequence", "activities": [ {{string.Join(",", activities)}} ] }""";

    static JsonObject Root(string definitionId, string root, string variables = "[]") =>
        Json($$"""{ "definitionId": "{{definitionId}}", "name": "{{definitionId}}", "variables": {{variables}}, "root": {{root}} }""");

    Task Raise(Guid instanceId, string eventName) => host.InScope(async services =>
    {
        var resumed = await services.GetRequiredService<WorkflowRuntime>().RaiseEventAsync(Tenant, eventName, instanceId.ToString(), null, "test", CancellationToken.None);
        await services.GetRequiredService<WorkflowDbContext>().SaveChangesAsync();
        resumed.ShouldBe(1, $"{eventName} resumes one wait");
        return resumed;
    });

    async Task<List<string>> Run(string definitionId, JsonObject? input = null, WorkflowStatus status = WorkflowStatus.Finished)
    {
        var instance = await host.Start(definitionId, input);
        await host.StatusBecomes(instance.Id, status);
        return log.WrittenBy(instance.Id);
    }

    Task<List<Incident>> IncidentsOf(Guid instanceId) =>
        host.InScope(services => services.GetRequiredService<WorkflowDbContext>().Incidents.AsNoTracking().Where(i => i.InstanceId == instanceId).ToListAsync());

    [Fact]
    public async Task A_Sequence_root_runs_If_and_Switch_on_each_side_of_their_conditions()
    {
        var branch = $$"""{ "id": "big", "type": "Elsa.If", "condition": {{Js("getInput('n') > 2")}}, "then": {{Write("yes", "more than two")}}, "else": {{Write("no", "two or less")}} }""";
        var cases = $$"""[ { "label": "one", "condition": { "type": "JavaScript", "value": "getInput('n') === 1" }, "activity": {{Write("c1", "one")}} }, { "label": "three", "condition": { "type": "JavaScript", "value": "getInput('n') === 3" }, "activity": {{Write("c3", "three")}} } ]""";
        var @switch = $$"""{ "id": "kind", "type": "Elsa.Switch", "cases": {{cases}}, "default": {{Write("cd", "other")}} }""";
        await host.Publish(Root("if-switch", Sequence("seq", Write("first", "first"), branch, @switch, Write("last", "last"))));

        (await Run("if-switch", new() { ["n"] = 3 })).ShouldBe(["first", "more than two", "three", "last"]);
        (await Run("if-switch", new() { ["n"] = 1 })).ShouldBe(["first", "two or less", "one", "last"]);
        (await Run("if-switch", new() { ["n"] = 2 })).ShouldBe(["first", "two or less", "other", "last"]);
    }

    [Fact]
    public async Task ForEach_runs_its_body_per_item_with_CurrentValue_bound_to_a_variable_and_Break_ends_the_loop()
    {
        var stop = $$"""{ "id": "stop", "type": "Elsa.If", "condition": {{Js("getItem() === 'c'")}}, "then": { "id": "brk", "type": "Elsa.Break" } }""";
        var body = Sequence("body", stop, WriteJs("say", "getOutputFrom('loop', 'CurrentValue')"));
        var items = """{ "typeName": "Object", "expression": { "type": "Object", "value": "[\"a\",\"b\",\"c\",\"d\"]" } }""";
        var loop = $$"""{ "id": "loop", "type": "Elsa.ForEach", "items": {{items}}, "currentValue": { "typeName": "Object", "memoryReference": { "id": "v-item" } }, "body": {{body}} }""";
        await host.Publish(Root("for-each", Sequence("seq", loop, WriteJs("after", "'after ' + getItem()")),
            """[{ "id": "v-item", "name": "Item", "typeName": "String", "value": "" }]"""));

        (await Run("for-each")).ShouldBe(["a", "b", "after c"]);
    }

    [Fact]
    public async Task For_counts_from_start_to_end_by_step_with_the_end_included_by_default_and_Break_ends_it()
    {
        static string Number(int n) => $$"""{ "typeName": "Int32", "expression": { "type": "Literal", "value": "{{n}}" } }""";
        var up = $$"""{ "id": "up", "type": "Elsa.For", "start": {{Number(1)}}, "end": {{Number(3)}}, "body": {{WriteJs("sayUp", "'up ' + getOutputFrom('up', 'CurrentValue')")}} }""";
        var stop = $$"""{ "id": "stop", "type": "Elsa.If", "condition": {{Js("getOutputFrom('down', 'CurrentValue') === 4")}}, "then": { "id": "brk", "type": "Elsa.Break" } }""";
        var exclusive = """{ "typeName": "Boolean", "expression": { "type": "Literal", "value": "false" } }""";
        var downBody = Sequence("downBody", stop, WriteJs("sayDown", "'down ' + getOutputFrom('down', 'CurrentValue')"));
        var down = $$"""{ "id": "down", "type": "Elsa.For", "start": {{Number(10)}}, "end": {{Number(0)}}, "step": {{Number(-3)}}, "outerBoundInclusive": {{exclusive}}, "body": {{downBody}} }""";
        var none = $$"""{ "id": "none", "type": "Elsa.For", "start": {{Number(5)}}, "end": {{Number(1)}}, "body": {{WriteJs("never", "'never'")}} }""";
        await host.Publish(Root("for", Sequence("seq", up, down, none, WriteJs("after", "'after'"))));

        // Up 1, 2, 3 (3 included); down 10, 7, then 4 breaks before it is said (1 would not be reached: 0 is excluded anyway);
        // from 5 up to 1 never runs.
        (await Run("for")).ShouldBe(["up 1", "up 2", "up 3", "down 10", "down 7", "after"]);
    }

    [Fact]
    public async Task While_keeps_looping_across_waits_and_stops_when_its_condition_no_longer_holds()
    {
        var increment = $$"""{ "id": "inc", "type": "Elsa.SetVariable", "variable": { "id": "v-count", "name": "Count" }, "value": {{Js("getCount() + 1")}} }""";
        var loop = $$"""{ "id": "loop", "type": "Elsa.While", "condition": {{Js("getCount() < 2")}}, "body": {{Sequence("body", WaitFor("tick", "tick"), increment)}} }""";
        await host.Publish(Root("while-waits", Sequence("seq", loop, WriteJs("done", "'count ' + getCount()")),
            """[{ "id": "v-count", "name": "Count", "typeName": "Int32", "value": "0" }]"""));
        var instance = await host.Start("while-waits");

        await Raise(instance.Id, "tick");
        (await host.Instance(instance.Id)).Status.ShouldBe(WorkflowStatus.Suspended); // count 1: the condition still holds
        await Raise(instance.Id, "tick");
        await host.StatusBecomes(instance.Id, WorkflowStatus.Finished);
        log.WrittenBy(instance.Id).ShouldBe(["count 2"]);
    }

    [Fact]
    public async Task Fork_WaitAll_completes_after_every_branch_and_WaitAny_after_the_first_cancelling_the_others()
    {
        foreach (var mode in new[] { "WaitAll", "WaitAny" })
        {
            var branches = Sequence("ba", WaitFor("wa", "a"), Write("la", "a arrived")) + "," + Sequence("bb", WaitFor("wb", "b"), Write("lb", "b arrived"));
            var fork = $$"""{ "id": "fork", "type": "Elsa.Fork", "joinMode": { "typeName": "String", "expression": { "type": "Literal", "value": "{{mode}}" } }, "branches": [ {{branches}} ] }""";
            await host.Publish(Root($"fork-{mode}", Sequence("seq", fork, Write("joined", "joined"))));
        }

        var all = await host.Start("fork-WaitAll");
        await Raise(all.Id, "a");
        (await host.Instance(all.Id)).Status.ShouldBe(WorkflowStatus.Suspended);
        await Raise(all.Id, "b");
        await host.StatusBecomes(all.Id, WorkflowStatus.Finished);
        log.WrittenBy(all.Id).ShouldBe(["a arrived", "b arrived", "joined"]);

        var any = await host.Start("fork-WaitAny");
        await Raise(any.Id, "b");
        await host.StatusBecomes(any.Id, WorkflowStatus.Finished);
        log.WrittenBy(any.Id).ShouldBe(["b arrived", "joined"]);
        (await host.Bookmarks(any.Id)).ShouldBeEmpty();
        (await host.Journal(any.Id)).ShouldContain(j => j.EventName == "Cancelled" && j.ActivityId == "wa");
    }

    [Fact]
    public async Task RunJavaScript_output_is_read_with_getOutputFrom_and_its_accessor_and_SetOutput_and_Correlate_are_kept()
    {
        await host.Publish(Flowchart("scripted",
            [
                Activity("calc", "Elsa.RunJavaScript").With("script", Json("""{ "typeName": "String", "expression": { "type": "JavaScript", "value": "setOutcome(getInput('n') % 2 === 0 ? 'Even' : 'Odd'); return getInput('n') * 7;" } }""")),
                Activity("even", "Elsa.WriteLine").With("text", JavaScript("'even ' + getOutputFrom('calc')")),
                Activity("odd", "Elsa.WriteLine").With("text", JavaScript("'odd ' + getResultFromCalc()")),
                Activity("correlate", "Elsa.Correlate", ("correlationId", "case-42")),
                Activity("output", "Elsa.SetOutput", ("outputName", "Answer")).With("outputValue", JavaScript("getOutputFrom('calc', 'Result')")),
                Activity("show", "Elsa.WriteLine").With("text", JavaScript("getCorrelationId()")),
            ],
            [("calc", "Even", "even"), ("calc", "Odd", "odd"), ("even", "Done", "correlate"), ("odd", "Done", "correlate"), ("correlate", "Done", "output"), ("output", "Done", "show")]));

        (await Run("scripted", new() { ["n"] = 6 })).ShouldBe(["even 42", "case-42"]);
        var odd = await host.Start("scripted", new() { ["n"] = 3 });
        var finished = await host.StatusBecomes(odd.Id, WorkflowStatus.Finished);
        log.WrittenBy(odd.Id).ShouldBe(["odd 21", "case-42"]);
        var state = InstanceState.FromJson(finished.StateJson);
        state.Output["Answer"]!.GetValue<int>().ShouldBe(21);
        state.ActivityOutputs.Keys.ShouldBe(["calc"]); // only activities that declare outputs keep them
    }

    [Fact]
    public async Task A_Liquid_expression_reads_an_activitys_output_by_its_name_and_by_its_id()
    {
        var calc = Activity("calc", "Elsa.RunJavaScript").With("script", Json("""{ "typeName": "String", "expression": { "type": "JavaScript", "value": "return getInput('n') * 7;" } }"""));
        calc["name"] = "Multiply";
        await host.Publish(Flowchart("liquid-output",
            [
                calc,
                Activity("byName", "Elsa.WriteLine").With("text", Json("""{ "typeName": "String", "expression": { "type": "Liquid", "value": "by name {{ Activities.Multiply.Result }}" } }""")),
                Activity("byId", "Elsa.WriteLine").With("text", Json("""{ "typeName": "String", "expression": { "type": "Liquid", "value": "by id {{ Activities.calc.Result | plus: 1 }}" } }""")),
            ],
            [("calc", "Done", "byName"), ("byName", "Done", "byId")]));

        (await Run("liquid-output", new() { ["n"] = 6 })).ShouldBe(["by name 42", "by id 43"]);
    }

    [Fact]
    public async Task Fault_faults_the_instance_with_an_incident_carrying_its_code_and_message()
    {
        await host.Publish(Flowchart("faulty",
            [Activity("start", "Elsa.Start"), Activity("fail", "Elsa.Fault", ("code", "E42"), ("category", "Vetting"), ("message", "file incomplete"))],
            [("start", "Done", "fail")]));
        var instance = await host.Start("faulty");

        await host.StatusBecomes(instance.Id, WorkflowStatus.Faulted);
        (await IncidentsOf(instance.Id)).ShouldHaveSingleItem().Message.ShouldBe("Vetting fault E42 (System): file incomplete");
    }

    [Fact]
    public async Task A_loop_that_never_waits_is_accepted_and_its_run_stops_at_the_step_budget_with_an_incident()
    {
        await host.Publish(Flowchart("runaway",
            [Activity("start", "Elsa.Start"), Activity("a", "Elsa.WriteLine", ("text", "a")), Activity("b", "Elsa.WriteLine", ("text", "b"))],
            [("start", "Done", "a"), ("a", "Done", "b"), ("b", "Done", "a")]));
        var instance = await host.Start("runaway");

        await host.StatusBecomes(instance.Id, WorkflowStatus.Faulted);
        (await IncidentsOf(instance.Id)).ShouldHaveSingleItem().Message.ShouldContain("200 steps in one run without a wait");
        log.WrittenBy(instance.Id).Count.ShouldBe(199); // the start and 199 WriteLines within the budget of 200
    }

    async Task<string> Remote()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        remote = builder.Build();
        remote.MapGet("/register/{id}", (string id) => Results.Json(new { id, status = "filed" }));
        await remote.StartAsync();
        return remote.Urls.Single();
    }

    [Fact]
    public async Task HTTP_Request_calls_a_host_the_county_allows_and_faults_on_one_it_does_not()
    {
        var url = await Remote();
        JsonObject Request(string id, string target) => Activity(id, "Elsa.FlowSendHttpRequest", ("url", target))
            .With("expectedStatusCodes", Json("""{ "typeName": "Object", "expression": { "type": "Object", "value": "[200]" } }"""));
        await host.Publish(Flowchart("http-call",
            [Request("call", url + "/register/7"), Activity("ok", "Elsa.WriteLine").With("text", JavaScript("getStatusCodeFromCall() + ' ' + getOutputFrom('call', 'ParsedContent').status"))],
            [("call", "200", "ok")]));
        await host.Publish(Flowchart("http-elsewhere", [Request("call", url.Replace("127.0.0.1", "localhost") + "/register/7")], []));

        (await Run("http-call")).ShouldBe(["200 filed"]);
        var refused = await host.Start("http-elsewhere");
        await host.StatusBecomes(refused.Id, WorkflowStatus.Faulted);
        (await IncidentsOf(refused.Id)).ShouldHaveSingleItem().Message.ShouldContain("localhost is not a host county county-test allows");
    }

    [Fact]
    public async Task HTTP_Endpoint_under_workflows_http_starts_the_county_procedure_with_the_request_as_output()
    {
        await host.Publish(Flowchart("http-start",
            [
                Activity("hook", "Elsa.HttpEndpoint", ("path", "filings/new")).With("supportedMethods", Json("""{ "typeName": "String[]", "expression": { "type": "Object", "value": "[\"POST\"]" } }"""))
                    .With("customProperties", new JsonObject { ["canStartWorkflow"] = true }),
                Activity("say", "Elsa.WriteLine").With("text", JavaScript("'filed ' + getParsedContentFromHook().cadre")),
            ],
            [("hook", "Done", "say")]));
        (await host.Triggers("http-start")).Select(t => t.Key).ShouldBe(["POST /filings/new"]);
        var client = host.CreateClientFor(Tenant, Roles.OrganizationDepartment);

        var answer = await client.PostAsJsonAsync("/workflows/http/filings/new", new { cadre = "Li Wei" });
        answer.StatusCode.ShouldBe(HttpStatusCode.OK, await answer.Content.ReadAsStringAsync());
        var started = (await answer.Content.ReadFromJsonAsync<JsonObject>())!["started"]!.AsArray().Single()!.GetValue<Guid>();
        await host.StatusBecomes(started, WorkflowStatus.Finished);
        log.WrittenBy(started).ShouldBe(["filed Li Wei"]);
        (await client.GetAsync("/workflows/http/filings/new")).StatusCode.ShouldBe(HttpStatusCode.NotFound); // POST only
    }

    [Fact]
    public async Task An_imported_unknown_activity_is_kept_verbatim_as_a_missing_activity_and_publishing_names_it()
    {
        var client = host.CreateClientFor(Tenant, Roles.Administrator);
        var model = Flowchart("from-elsewhere",
            [Activity("start", "Elsa.Start"), Activity("oracle", "Acme.AskOracle", ("question", "why"))], [("start", "Done", "oracle")]);
        model["root"]!["activities"]![1]!["acme"] = new JsonObject { ["kept"] = true };

        var imported = await client.PostAsJsonAsync("/elsa/api/workflow-definitions/import", model);
        imported.StatusCode.ShouldBe(HttpStatusCode.OK, await imported.Content.ReadAsStringAsync());
        var published = await client.PostAsync("/elsa/api/workflow-definitions/from-elsewhere/publish", null);
        published.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await published.Content.ReadAsStringAsync()).ShouldContain("oracle is a missing activity: its type 'Acme.AskOracle' is not known to this server");

        var exported = JsonNode.Parse(await client.GetStringAsync("/elsa/api/workflow-definitions/from-elsewhere/export?versionOptions=Latest"))!;
        var oracle = exported["root"]!["activities"]!.AsArray().Single(a => a!["id"]!.GetValue<string>() == "oracle")!;
        oracle["type"]!.GetValue<string>().ShouldBe("Acme.AskOracle");
        oracle["acme"]!["kept"]!.GetValue<bool>().ShouldBeTrue();
        var descriptors = JsonNode.Parse(await client.GetStringAsync("/elsa/api/descriptors/activities"))!["items"]!.AsArray();
        descriptors.ShouldContain(d => d!["typeName"]!.GetValue<string>() == "Acme.AskOracle" && d["category"]!.GetValue<string>() == "Missing");
    }
}
