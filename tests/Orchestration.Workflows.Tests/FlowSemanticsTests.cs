using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Orchestration.Testing;
using Orchestration.Workflows.Data;
using Orchestration.Workflows.Runtime;
using Shouldly;
using Xunit;
using static Orchestration.Testing.Definition;

namespace Orchestration.Workflows.Tests;

/// <summary>
/// Elsa's flowchart semantics for parallel paths: End completes its path and Finish the instance; a join waits for any branch by
/// default, cancels the others and works on every pass of a loop; an activity with several inbound paths runs once; each forked
/// branch sees its own last result (<c>getLastResult()</c>).
/// </summary>
public sealed class FlowSemanticsTests : IClassFixture<ServersFixture>, IAsyncLifetime
{
    const string Tenant = "county-test";
    readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 12, 7, 2, 0, 0, TimeSpan.Zero));
    readonly RuntimeHost host;

    public FlowSemanticsTests(ServersFixture servers) =>
        host = new RuntimeHost(servers, servers.Postgres.NewDatabase("workflows"), clock, overRabbitMq: false);

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await host.DisposeAsync();

    static JsonObject Counter(string id, string variable) => Activity(id, "Elsa.SetVariable")
        .With("variable", new() { ["id"] = variable, ["name"] = variable }).With("value", JavaScript($"getVariable('{variable}') + 1"));

    Task Raise(Guid instanceId, string eventName, JsonNode? payload = null) => host.InScope(async services =>
    {
        var resumed = await services.GetRequiredService<WorkflowRuntime>().RaiseEventAsync(Tenant, eventName, instanceId.ToString(), payload, "test", CancellationToken.None);
        await services.GetRequiredService<WorkflowDbContext>().SaveChangesAsync();
        resumed.ShouldBe(1, $"{eventName} resumes one wait");
        return resumed;
    });

    static JsonNode? Variable(WorkflowInstance instance, string name) => InstanceState.FromJson(instance.StateJson).Variables[name];

    [Fact]
    public async Task End_completes_its_own_path_and_the_instance_finishes_when_no_other_path_waits()
    {
        await host.Publish(Flowchart("end-one-path",
            [Activity("fork", "Elsa.FlowFork"), Activity("quick", "Elsa.End"), Activity("wait", "Elsa.Event", ("eventName", "go")), Activity("done", "Elsa.End")],
            [("fork", "A", "quick"), ("fork", "B", "wait"), ("wait", "Done", "done")]));
        var instance = await host.Start("end-one-path");

        (await host.Instance(instance.Id)).Status.ShouldBe(WorkflowStatus.Suspended); // branch A's End did not cancel branch B
        await Raise(instance.Id, "go");
        (await host.Instance(instance.Id)).Status.ShouldBe(WorkflowStatus.Finished);
    }

    [Fact]
    public async Task Finish_ends_the_instance_and_cancels_the_other_paths()
    {
        await host.Publish(Flowchart("finish-all",
            [Activity("fork", "Elsa.FlowFork"), Activity("stop", "Elsa.Finish"), Activity("wait", "Elsa.Event", ("eventName", "go")), Activity("done", "Elsa.End")],
            [("fork", "A", "wait"), ("fork", "B", "stop"), ("wait", "Done", "done")]));
        var instance = await host.Start("finish-all");

        (await host.Instance(instance.Id)).Status.ShouldBe(WorkflowStatus.Finished);
        (await host.Bookmarks(instance.Id)).ShouldBeEmpty();
    }

    [Fact]
    public async Task A_join_waits_for_any_branch_by_default_cancels_the_others_and_works_on_every_pass_of_a_loop()
    {
        await host.Publish(Flowchart("wait-any-loop",
            [Activity("start", "Elsa.Start"), Activity("fork", "Elsa.FlowFork"), Activity("a", "Elsa.Event", ("eventName", "a")),
             Activity("b", "Elsa.Event", ("eventName", "b")), Activity("join", "Elsa.FlowJoin"), Counter("count", "Passes"),
             Activity("again", "Elsa.FlowDecision").With("condition", JavaScript("getVariable('Passes') < 2")), Activity("end", "Elsa.End")],
            [("start", "Done", "fork"), ("fork", "A", "a"), ("fork", "B", "b"), ("a", "Done", "join"), ("b", "Done", "join"), ("join", "Done", "count"),
             ("count", "Done", "again"),
             ("again", "True", "fork"), ("again", "False", "end")],
            ("Passes", "Int32", "0")));
        var instance = await host.Start("wait-any-loop");

        await Raise(instance.Id, "a"); // first pass: a arrives, b's wait is cancelled
        var afterFirst = await host.Instance(instance.Id);
        Variable(afterFirst, "Passes")!.GetValue<decimal>().ShouldBe(1);
        (await host.Bookmarks(instance.Id)).Select(b => b.ActivityId).Order().ShouldBe(["a", "b"]); // the second pass waits afresh

        await Raise(instance.Id, "b"); // second pass: b arrives first this time
        var finished = await host.StatusBecomes(instance.Id, WorkflowStatus.Finished);
        Variable(finished, "Passes")!.GetValue<decimal>().ShouldBe(2);
        var journal = await host.Journal(instance.Id);
        journal.Count(j => j.EventName == "Cancelled").ShouldBe(2);
        JournalVerifier.Verify(journal).Valid.ShouldBeTrue();
    }

    [Fact]
    public async Task An_activity_with_two_inbound_paths_runs_once_when_both_active_paths_arrive()
    {
        await host.Publish(Flowchart("implicit-merge",
            [Activity("fork", "Elsa.FlowFork"), Activity("a", "Elsa.Event", ("eventName", "a")), Activity("b", "Elsa.Event", ("eventName", "b")),
             Counter("merge", "Runs"), Activity("end", "Elsa.End")],
            [("fork", "A", "a"), ("fork", "B", "b"), ("a", "Done", "merge"), ("b", "Done", "merge"), ("merge", "Done", "end")],
            ("Runs", "Int32", "0")));
        var instance = await host.Start("implicit-merge");

        await Raise(instance.Id, "a");
        var waiting = await host.Instance(instance.Id);
        waiting.Status.ShouldBe(WorkflowStatus.Suspended);
        Variable(waiting, "Runs")!.GetValue<decimal>().ShouldBe(0); // b can still get there

        await Raise(instance.Id, "b");
        var finished = await host.StatusBecomes(instance.Id, WorkflowStatus.Finished);
        Variable(finished, "Runs")!.GetValue<decimal>().ShouldBe(1);
    }

    [Fact]
    public async Task A_forked_branch_reads_its_own_last_result_not_its_siblings()
    {
        await host.Publish(Flowchart("branch-results",
            [Activity("fork", "Elsa.FlowFork"),
             Activity("a", "Elsa.Event", ("eventName", "a")), Activity("later", "Elsa.Delay", ("timeSpan", "01:00:00")),
             Activity("seenByA", "Elsa.SetVariable").With("variable", new() { ["id"] = "SeenByA", ["name"] = "SeenByA" }).With("value", JavaScript("getLastResult().value")),
             Activity("b", "Elsa.Event", ("eventName", "b")),
             Activity("seenByB", "Elsa.SetVariable").With("variable", new() { ["id"] = "SeenByB", ["name"] = "SeenByB" }).With("value", JavaScript("getLastResult().value")),
             Activity("join", "Elsa.FlowJoin", ("mode", "WaitAll")),
             Activity("seenAfter", "Elsa.SetVariable").With("variable", new() { ["id"] = "SeenAfter", ["name"] = "SeenAfter" }).With("value", JavaScript("getLastResult().value")),
             Activity("end", "Elsa.End")],
            [("fork", "A", "a"), ("a", "Done", "later"), ("later", "Done", "seenByA"), ("seenByA", "Done", "join"),
             ("fork", "B", "b"), ("b", "Done", "seenByB"), ("seenByB", "Done", "join"), ("join", "Done", "seenAfter"), ("seenAfter", "Done", "end")],
            ("SeenByA", "String", ""), ("SeenByB", "String", ""), ("SeenAfter", "String", "")));
        var instance = await host.Start("branch-results", new() { ["value"] = "input" });

        await Raise(instance.Id, "a", new JsonObject { ["value"] = "from A" });
        await Raise(instance.Id, "b", new JsonObject { ["value"] = "from B" }); // arrives while branch A waits on its timer
        clock.Advance(TimeSpan.FromHours(1));

        var finished = await host.StatusBecomes(instance.Id, WorkflowStatus.Finished);
        Variable(finished, "SeenByA")!.GetValue<string>().ShouldBe("from A");
        Variable(finished, "SeenByB")!.GetValue<string>().ShouldBe("from B");
        Variable(finished, "SeenAfter")!.GetValue<string>().ShouldBe("from A"); // the join goes on with the branch that completed it
        InstanceState.FromJson(finished.StateJson).BranchResults.ShouldBeEmpty(); // the join ended both branches
    }

    [Fact]
    public async Task Two_resumes_of_one_instance_at_once_are_serialized_not_failed()
    {
        await host.Publish(Flowchart("two-waits",
            [Activity("fork", "Elsa.FlowFork"), Activity("a", "Elsa.Event", ("eventName", "a")), Activity("b", "Elsa.Event", ("eventName", "b")),
             Activity("join", "Elsa.FlowJoin", ("mode", "WaitAll")), Activity("end", "Elsa.End")],
            [("fork", "A", "a"), ("fork", "B", "b"), ("a", "Done", "join"), ("b", "Done", "join"), ("join", "Done", "end")]));
        for (var round = 0; round < 5; round++)
        {
            var instance = await host.Start("two-waits");

            // Each event in its own transaction, as two consumers deliver them: both wait for the instance's row, neither conflicts.
            var both = await Task.WhenAll(new[] { "a", "b" }.Select(name => host.InScope(async services =>
            {
                var db = services.GetRequiredService<WorkflowDbContext>();
                await using var transaction = await db.Database.BeginTransactionAsync();
                var resumed = await services.GetRequiredService<WorkflowRuntime>().RaiseEventAsync(Tenant, name, instance.Id.ToString(), null, "test", CancellationToken.None);
                await db.SaveChangesAsync();
                await transaction.CommitAsync();
                return resumed;
            })));

            both.ShouldBe([1, 1]);
            (await host.Instance(instance.Id)).Status.ShouldBe(WorkflowStatus.Finished);
            JournalVerifier.Verify(await host.Journal(instance.Id)).Valid.ShouldBeTrue();
        }
    }
}
