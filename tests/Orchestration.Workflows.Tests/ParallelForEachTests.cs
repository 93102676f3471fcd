using System.Text.Json.Nodes;
using Orchestration.Testing;
using Orchestration.Workflows.Runtime;
using Shouldly;
using Xunit;

namespace Orchestration.Workflows.Tests;

/// <summary>
/// Elsa's ParallelForEach through the real runtime on PostgreSQL: every body scheduled at once with its own <c>CurrentValue</c> and
/// <c>CurrentIndex</c>, bodies that wait keeping the loop open until each is done, and a Break in one body ending the loop.
/// </summary>
public sealed class ParallelForEachTests(ServersFixture servers) : RuntimeTests(servers)
{
    static string WaitForItem(string id) => $$"""{ "id": "{{id}}", "type": "Elsa.Event", "eventName": {{Js("'go-' + getCurrentValue()")}} }""";

    static JsonObject Loop(string definitionId, string items, string body) => JsonNode.Parse($$"""
        {
          "definitionId": "{{definitionId}}", "name": "{{definitionId}}",
          "variables": [{ "id": "v-total", "name": "Total", "typeName": "Int32", "value": "0" }],
          "root": {{Sequence("seq",
              $$"""{ "id": "loop", "type": "Elsa.ParallelForEach", "items": { "typeName": "Object", "expression": { "type": "Object", "value": {{JsonValue.Create(items).ToJsonString()}} } }, "body": {{body}} }""",
              Say("after", "'after ' + getTotal() + ' ' + (variables.CurrentValue === undefined)"))}}
        }
        """)!.AsObject();

    [Fact]
    public async Task Every_body_starts_at_once_with_its_own_CurrentValue_and_CurrentIndex_and_the_loop_completes_when_the_last_waiting_body_is_done()
    {
        var add = """{ "id": "add", "type": "Elsa.SetVariable", "variable": { "id": "v-total", "name": "Total" }, "value": """ + Js("getTotal() + getCurrentValue()") + " }";
        await Host.Publish(Loop("parallel", "[10, 20, 30]",
            Sequence("body", Say("begin", "'item ' + getCurrentValue() + ' at ' + variables.CurrentIndex"), WaitForItem("wait"), add,
                Say("end", "'done ' + getCurrentValue()"))));
        var instance = await Host.Start("parallel");

        // Every body ran up to its wait before any went on.
        await Host.StatusBecomes(instance.Id, WorkflowStatus.Suspended);
        Log.WrittenBy(instance.Id).ShouldBe(["item 10 at 0", "item 20 at 1", "item 30 at 2"]);
        (await Host.Bookmarks(instance.Id)).Select(b => b.Key.Split(':')[0]).Order().ShouldBe(["go-10", "go-20", "go-30"]);

        await Raise(instance.Id, "go-20");
        await Raise(instance.Id, "go-10");
        (await Host.Instance(instance.Id)).Status.ShouldBe(WorkflowStatus.Suspended); // 30 still waits
        Log.WrittenBy(instance.Id).ShouldNotContain(line => line.StartsWith("after", StringComparison.Ordinal));

        await Raise(instance.Id, "go-30");
        await Host.StatusBecomes(instance.Id, WorkflowStatus.Finished);
        Log.WrittenBy(instance.Id).Skip(3).ShouldBe(["done 20", "done 10", "done 30", "after 60 true"]);
        var state = InstanceState.FromJson((await Host.Instance(instance.Id)).StateJson);
        state.BranchVariables.ShouldBeEmpty();
        state.Loops.ShouldBeEmpty();
    }

    [Fact]
    public async Task A_Break_in_one_body_ends_the_loop_and_cancels_the_bodies_still_waiting()
    {
        var stop = $$"""{ "id": "stop", "type": "Elsa.If", "condition": {{Js("getCurrentValue() === 2")}}, "then": { "id": "brk", "type": "Elsa.Break" } }""";
        await Host.Publish(Loop("parallel-break", "[1, 2, 3]", Sequence("body", WaitForItem("wait"), stop, Say("end", "'done ' + getCurrentValue()"))));
        var instance = await Host.Start("parallel-break");
        await Host.StatusBecomes(instance.Id, WorkflowStatus.Suspended);

        await Raise(instance.Id, "go-1");
        (await Host.Instance(instance.Id)).Status.ShouldBe(WorkflowStatus.Suspended);
        await Raise(instance.Id, "go-2");

        await Host.StatusBecomes(instance.Id, WorkflowStatus.Finished);
        Log.WrittenBy(instance.Id).ShouldBe(["done 1", "after 0 true"]);
        (await Host.Bookmarks(instance.Id)).ShouldBeEmpty();
        (await Host.Journal(instance.Id)).ShouldContain(j => j.EventName == "Cancelled" && j.ActivityId == "wait" && j.Message == "break at brk");
    }

    [Fact]
    public async Task No_items_complete_the_loop_at_once()
    {
        await Host.Publish(Loop("parallel-none", "[]", Say("never", "'never'")));

        var instance = await Host.Start("parallel-none");

        await Host.StatusBecomes(instance.Id, WorkflowStatus.Finished);
        Log.WrittenBy(instance.Id).ShouldBe(["after 0 true"]);
    }
}
