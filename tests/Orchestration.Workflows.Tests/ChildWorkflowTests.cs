using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Orchestration.ServiceDefaults.Security;
using Orchestration.Testing;
using Orchestration.Workflows.Activities;
using Orchestration.Workflows.Data;
using Orchestration.Workflows.Definitions;
using Orchestration.Workflows.Runtime;
using Shouldly;
using Xunit;

namespace Orchestration.Workflows.Tests;

/// <summary>
/// Elsa's Execute Workflow and Dispatch Workflow on PostgreSQL: a child instance of a published workflow of the parent's county, its
/// parent recorded (and shown as parentId), its input passed; the parent waiting for it resumes with its output when it finishes, a
/// child that faults leaves the parent waiting, and another county's definition is never started.
/// </summary>
public sealed class ChildWorkflowTests(ServersFixture servers) : RuntimeTests(servers)
{
    static string Child(string type, string id, string definitionId, bool wait, string input = """{"Message":"hello"}""") => $$"""
        { "id": "{{id}}", "name": "{{id}}", "type": "{{type}}",
          "workflowDefinitionId": { "typeName": "String", "expression": { "type": "Literal", "value": "{{definitionId}}" } },
          "input": { "typeName": "Object", "expression": { "type": "Object", "value": {{Text(input)}} } },
          "waitForCompletion": { "typeName": "Boolean", "expression": { "type": "Literal", "value": {{(wait ? "true" : "false")}} } } }
        """;

    /// <summary>A child that says what it got, waits for "approve" (keyed by its own id) and sets its output Verdict.</summary>
    Task PublishReviewChild() => Host.Publish(SequenceDefinition("child-review",
        Say("got", "'child got ' + getInput('Message')"),
        """{ "id": "approve", "type": "Elsa.Event", "eventName": { "typeName": "String", "expression": { "type": "Literal", "value": "approve" } } }""",
        $$"""{ "id": "verdict", "type": "Elsa.SetOutput", "outputName": { "typeName": "String", "expression": { "type": "Literal", "value": "Verdict" } }, "outputValue": {{Js("'approved ' + getInput('Message')")}} }"""));

    async Task<WorkflowInstance> ChildOf(Guid parentId) => (await Host.InScope(services =>
        services.GetRequiredService<WorkflowDbContext>().Instances.AsNoTracking().Where(i => i.ParentId == parentId).ToListAsync())).ShouldHaveSingleItem();

    Task<List<string>> IncidentsOf(Guid instanceId) => Host.InScope(services =>
        services.GetRequiredService<WorkflowDbContext>().Incidents.AsNoTracking().Where(i => i.InstanceId == instanceId).Select(i => i.Message).ToListAsync());

    [Fact]
    public async Task Execute_Workflow_waits_for_its_child_and_goes_on_with_the_childs_output_as_its_result()
    {
        await PublishReviewChild();
        await Host.Publish(SequenceDefinition("parent-review", Child("Elsa.ExecuteWorkflow", "review", "child-review", wait: true),
            Say("after", "'parent got ' + getResultFromReview().output.Verdict + ' (' + getResultFromReview().status + ')'")));

        var parent = await Host.Start("parent-review");
        (await Host.Instance(parent.Id)).Status.ShouldBe(WorkflowStatus.Suspended);
        var child = await ChildOf(parent.Id);
        child.TenantId.ShouldBe(Tenant);
        child.DefinitionId.ShouldBe("child-review");
        child.Status.ShouldBe(WorkflowStatus.Suspended);
        InstanceState.FromJson(child.StateJson).Input["ParentInstanceId"]!.GetValue<string>().ShouldBe(parent.Id.ToString());
        Log.WrittenBy(child.Id).ShouldBe(["child got hello"]);
        (await Host.Bookmarks(parent.Id)).ShouldHaveSingleItem().ShouldSatisfyAllConditions(
            b => b.Kind.ShouldBe(ChildWorkflows.Kind), b => b.Key.ShouldBe(child.Id.ToString()));
        Log.WrittenBy(parent.Id).ShouldBeEmpty();

        await Raise(child.Id, "approve");

        await Host.StatusBecomes(child.Id, WorkflowStatus.Finished);
        await Host.StatusBecomes(parent.Id, WorkflowStatus.Finished);
        Log.WrittenBy(parent.Id).ShouldBe(["parent got approved hello (Finished)"]);

        var client = Host.CreateClientFor(Tenant, Roles.OrganizationDepartment);
        var shown = await client.GetFromJsonAsync<JsonObject>($"/api/workflows/instances/{child.Id}");
        shown!["instance"]!["parentId"]!.GetValue<Guid>().ShouldBe(parent.Id);
        (await client.GetFromJsonAsync<JsonObject>($"/api/workflows/instances/{parent.Id}"))!["instance"]!["parentId"].ShouldBeNull();
    }

    [Fact]
    public async Task Without_waiting_Execute_Workflow_completes_once_its_child_has_run_and_says_whether_it_finished()
    {
        await PublishReviewChild();
        await Host.Publish(SequenceDefinition("parent-no-wait", Child("Elsa.ExecuteWorkflow", "review", "child-review", wait: false),
            Say("after", "'child is ' + getResultFromReview().status")));

        var parent = await Host.Start("parent-no-wait");

        await Host.StatusBecomes(parent.Id, WorkflowStatus.Finished);
        Log.WrittenBy(parent.Id).ShouldBe(["child is Suspended"]);
        (await ChildOf(parent.Id)).Status.ShouldBe(WorkflowStatus.Suspended);
    }

    [Fact]
    public async Task A_child_that_faults_leaves_its_waiting_parent_waiting_with_the_incident_on_the_child()
    {
        await Host.Publish(SequenceDefinition("child-faulty", """{ "id": "fail", "type": "Elsa.Fault", "message": { "typeName": "String", "expression": { "type": "Literal", "value": "register closed" } } }"""));
        await Host.Publish(SequenceDefinition("parent-of-faulty", Child("Elsa.ExecuteWorkflow", "run", "child-faulty", wait: true), Say("after", "'after'")));

        var parent = await Host.Start("parent-of-faulty");

        var child = await ChildOf(parent.Id);
        child.Status.ShouldBe(WorkflowStatus.Faulted);
        (await IncidentsOf(child.Id)).ShouldHaveSingleItem().ShouldContain("register closed");
        var waiting = await Host.Instance(parent.Id);
        waiting.Status.ShouldBe(WorkflowStatus.Suspended);
        waiting.IncidentCount.ShouldBe(0);
        (await IncidentsOf(parent.Id)).ShouldBeEmpty();
        (await Host.Bookmarks(parent.Id)).ShouldHaveSingleItem().Key.ShouldBe(child.Id.ToString());
        Log.WrittenBy(parent.Id).ShouldBeEmpty();
    }

    [Fact]
    public async Task Dispatch_Workflow_continues_at_once_and_with_waitForCompletion_resumes_with_the_childs_output()
    {
        await PublishReviewChild();
        await Host.Publish(SequenceDefinition("parent-dispatch", Child("Elsa.DispatchWorkflow", "send", "child-review", wait: false), Say("after", "'dispatched'")));
        await Host.Publish(SequenceDefinition("parent-dispatch-wait", Child("Elsa.DispatchWorkflow", "send", "child-review", wait: true, input: """{"Message":"file 7"}"""),
            Say("after", "'got ' + getResultFromSend().Verdict")));

        var fireAndForget = await Host.Start("parent-dispatch");
        await Host.StatusBecomes(fireAndForget.Id, WorkflowStatus.Finished);
        Log.WrittenBy(fireAndForget.Id).ShouldBe(["dispatched"]);
        var started = await ChildOf(fireAndForget.Id);
        started.Status.ShouldBe(WorkflowStatus.Suspended);
        Log.WrittenBy(started.Id).ShouldBe(["child got hello"]);

        var waiting = await Host.Start("parent-dispatch-wait");
        (await Host.Instance(waiting.Id)).Status.ShouldBe(WorkflowStatus.Suspended);
        var child = await ChildOf(waiting.Id);
        await Raise(child.Id, "approve");
        await Host.StatusBecomes(waiting.Id, WorkflowStatus.Finished);
        Log.WrittenBy(waiting.Id).ShouldBe(["got approved file 7"]);
    }

    [Fact]
    public async Task The_Studio_gets_descriptors_of_the_child_workflow_parallel_loop_and_HTTP_request_activities_in_its_shape()
    {
        var client = Host.CreateClientFor(Tenant, Roles.Administrator);
        var items = JsonNode.Parse(await client.GetStringAsync("/elsa/api/descriptors/activities"))!["items"]!.AsArray().OfType<JsonObject>()
            .ToDictionary(d => d["typeName"]!.GetValue<string>());
        string[] Names(JsonObject descriptor, string list) => [.. descriptor[list]!.AsArray().Select(p => p!["name"]!.GetValue<string>())];

        foreach (var type in new[] { "Elsa.ExecuteWorkflow", "Elsa.DispatchWorkflow" })
        {
            var descriptor = items[type];
            descriptor["category"]!.GetValue<string>().ShouldBe("Composition");
            Names(descriptor, "inputs").ShouldBe(["WorkflowDefinitionId", "CorrelationId", "Input", "WaitForCompletion"]);
            descriptor["inputs"]![0]!["uiHint"]!.GetValue<string>().ShouldBe("workflow-definition-picker");
            Names(descriptor, "outputs").ShouldBe(["Result"]);
        }
        items["Elsa.ExecuteWorkflow"]["kind"]!.GetValue<string>().ShouldBe("Task");

        var parallel = items["Elsa.ParallelForEach"];
        parallel["isContainer"]!.GetValue<bool>().ShouldBeTrue();
        parallel["ports"]!.AsArray().ShouldHaveSingleItem()!["type"]!.GetValue<string>().ShouldBe("Embedded");
        Names(parallel, "ports").ShouldBe(["body"]);

        Names(items["Elsa.FlowSendHttpRequest"], "ports").ShouldBe(["Done", "Unmatched status code", "Failed to connect", "Timeout"]);
        Names(items["Elsa.SendHttpRequest"], "ports").ShouldBe(["unmatchedStatusCode", "failedToConnect", "timeout"]);
    }

    [Theory]
    [InlineData("Elsa.ExecuteWorkflow")]
    [InlineData("Elsa.DispatchWorkflow")]
    public async Task A_definition_of_another_county_is_never_started_as_a_child_while_that_county_starts_its_own(string type)
    {
        await Host.InScope(async services =>
        {
            await services.GetRequiredService<DefinitionStore>().SaveAsync(SequenceDefinition("north-only", Say("north", "'north child'")), publish: true, "county-north", CancellationToken.None);
            await services.GetRequiredService<WorkflowDbContext>().SaveChangesAsync();
            return true;
        });
        await Host.Publish(SequenceDefinition("parent-north", Child(type, "call", "north-only", wait: true), Say("after", "'after'")));

        var refused = await Host.Start("parent-north");
        await Host.StatusBecomes(refused.Id, WorkflowStatus.Faulted);
        (await IncidentsOf(refused.Id)).ShouldHaveSingleItem().ShouldContain("north-only that county county-test runs");
        (await Host.Instances("north-only")).ShouldBeEmpty();

        var north = await Host.Start("parent-north", tenant: "county-north");
        await Host.StatusBecomes(north.Id, WorkflowStatus.Finished);
        var child = await ChildOf(north.Id);
        child.TenantId.ShouldBe("county-north");
        Log.WrittenBy(child.Id).ShouldBe(["north child"]);
        Log.WrittenBy(north.Id).ShouldBe(["after"]);
    }
}
