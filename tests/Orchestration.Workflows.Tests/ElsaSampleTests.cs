using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Orchestration.Testing;
using Orchestration.Workflows.Runtime;
using Shouldly;
using Xunit;

namespace Orchestration.Workflows.Tests;

/// <summary>
/// Definitions taken unchanged from elsa-core's own tests (<c>Samples/ElsaCore</c>, origin and commit in its README) run here to the
/// result elsa-core documents for them: Elsa's JavaScript (a top-level <c>return</c>, <c>get{Variable}()</c>, <c>get{Input}()</c>) works.
/// </summary>
public sealed class ElsaSampleTests : IClassFixture<ServersFixture>, IAsyncLifetime
{
    readonly RuntimeHost host;
    readonly CapturedLog log = new();

    public ElsaSampleTests(ServersFixture servers) =>
        host = new RuntimeHost(servers, servers.Postgres.NewDatabase("workflows"), new FakeTimeProvider(DateTimeOffset.UtcNow), overRabbitMq: false)
        {
            MoreServices = services => services.AddSingleton<ILoggerProvider>(log),
        };

    public async Task InitializeAsync()
    {
        // Children before the parents that use them as activities (or start them as child instances).
        foreach (var file in new[]
                 {
                     "instance-serialization.json", "child-with-input.json", "fork-decision-join-none.json", "implicit-loop.json",
                     "wda-child-with-input.json", "wda-child-with-output.json", "wda-child-with-outcomes.json", "wda-child-published-version.json",
                     "wda-parent-with-input.json", "wda-parent-with-output.json", "wda-parent-with-outcomes.json", "wda-parent-version-fallback.json",
                     "ew-child-workflow.json", "ew-parent-with-wait.json",
                 })
            await host.Publish(JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Samples", "ElsaCore", file)))!.AsObject());
    }

    public async Task DisposeAsync() => await host.DisposeAsync();

    [Fact]
    public async Task A_top_level_return_and_a_variable_getter_run_to_the_end_with_the_returned_object_in_both_variables()
    {
        var instance = await host.Start(DefinitionIdOf("instance-serialization.json"));

        var finished = await host.StatusBecomes(instance.Id, WorkflowStatus.Finished);
        var state = InstanceState.FromJson(finished.StateJson);
        state.Variables["Variable1"]!["inputSchema"]!["$id"]!.GetValue<string>().ShouldBe("#/definitions/inform-front-office-input-afd");
        JsonNode.DeepEquals(state.Variables["Variable2"], state.Variables["Variable1"]).ShouldBeTrue();
    }

    [Fact]
    public async Task The_input_accessor_of_a_declared_input_reads_the_input_as_Elsa_documents()
    {
        var instance = await host.Start("child-with-input", new() { ["Message"] = "Hello from parent" });

        await host.StatusBecomes(instance.Id, WorkflowStatus.Finished);
        log.WrittenBy(instance.Id).ShouldContain("Child received: Hello from parent");
    }

    [Fact]
    public async Task A_decision_that_returns_false_at_the_top_level_leaves_its_branch_and_the_implicit_join_writes_A_then_C()
    {
        var instance = await host.Start(DefinitionIdOf("fork-decision-join-none.json"));

        await host.StatusBecomes(instance.Id, WorkflowStatus.Finished);
        log.WrittenBy(instance.Id).ShouldBe(["A", "C"]);
    }

    [Fact]
    public async Task The_implicit_loop_without_a_waiting_step_runs_as_in_Elsa_Do_something_Retry_Do_something_Done()
    {
        var instance = await host.Start(DefinitionIdOf("implicit-loop.json"));

        await host.StatusBecomes(instance.Id, WorkflowStatus.Finished);
        log.WrittenBy(instance.Id).ShouldBe(["Do something", "Retry", "Do something", "Done"]);
    }

    [Theory]
    [InlineData("parent-with-input", "Hello from parent!")]
    [InlineData("parent-with-output", "Received from child: Child output value")]
    [InlineData("parent-with-outcomes", "Success path taken")]
    [InlineData("parent-version-fallback", "Published version executed")]
    public async Task A_published_workflow_used_as_an_activity_runs_inline_to_Elsas_documented_line(string parent, string expected)
    {
        var instance = await host.Start(parent);

        await host.StatusBecomes(instance.Id, WorkflowStatus.Finished);
        log.WrittenBy(instance.Id).ShouldContain(expected);
        if (parent == "parent-with-outcomes") log.WrittenBy(instance.Id).ShouldNotContain("Failed path taken");
    }

    [Fact]
    public async Task A_Sequence_root_runs_its_activities_in_order_around_the_child_workflow_run_as_a_child_instance()
    {
        var instance = await host.Start("parent-with-wait");

        await host.StatusBecomes(instance.Id, WorkflowStatus.Finished);
        var child = (await host.Instances("child-workflow")).ShouldHaveSingleItem();
        child.ParentId.ShouldBe(instance.Id);
        child.Status.ShouldBe(WorkflowStatus.Finished);
        // Elsa's documented lines, in order: the child's own line is written by the child instance, between the parent's two.
        var ids = new[] { instance.Id.ToString(), child.Id.ToString() };
        log.Entries.Where(e => e.Fields.TryGetValue("InstanceId", out var id) && ids.Contains(id?.ToString()) && e.Fields.ContainsKey("Text"))
            .Select(e => e.Fields["Text"]?.ToString()).ShouldBe(["Parent: Before child", "Child: Executing", "Parent: After child"]);
        log.WrittenBy(instance.Id).ShouldBe(["Parent: Before child", "Parent: After child"]);
        log.WrittenBy(child.Id).ShouldBe(["Child: Executing"]);
    }

    static string DefinitionIdOf(string file) =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Samples", "ElsaCore", file)))!["definitionId"]!.GetValue<string>();
}
