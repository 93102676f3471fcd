using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Orchestration.ServiceDefaults.Security;
using Orchestration.Testing;
using Orchestration.Workflows.Api;
using Orchestration.Workflows.Data;
using Orchestration.Workflows.Runtime;
using Shouldly;
using Xunit;
using static Orchestration.Testing.Definition;

namespace Orchestration.Workflows.Tests;

/// <summary>Branching, joins, expressions, named events and incidents, run by the engine over the real PostgreSQL.</summary>
public sealed class FlowTests : IClassFixture<ServersFixture>, IAsyncLifetime
{
    const string Tenant = "county-test";
    readonly RuntimeHost host;

    public FlowTests(ServersFixture servers) =>
        host = new RuntimeHost(servers, servers.Postgres.NewDatabase("workflows"), new FakeTimeProvider(DateTimeOffset.UtcNow), overRabbitMq: false);

    public async Task InitializeAsync()
    {
        await host.Publish(Flowchart("fork-join",
            [
                Activity("fork", "Elsa.FlowFork"),
                Activity("left", "Elsa.SetVariable").With("variable", new() { ["name"] = "A" }).With("value", JavaScript("1")),
                Activity("right", "Elsa.SetVariable").With("variable", new() { ["name"] = "B" }).With("value", JavaScript("getInput('b')")),
                Activity("join", "Elsa.FlowJoin", ("mode", "WaitAll")),
                Activity("check", "Elsa.FlowDecision").With("condition", JavaScript("getVariable('A') + variables.B === 3")),
                Activity("sum", "Elsa.End"),
                Activity("other", "Elsa.Finish"),
            ],
            [("fork", "Left", "left"), ("fork", "Right", "right"), ("left", "Done", "join"), ("right", "Done", "join"),
             ("join", "Done", "check"), ("check", "True", "sum"), ("check", "False", "other")],
            ("A", "Int32", "0"), ("B", "Int32", "0")));

        var grade = Activity("grade", "Elsa.FlowSwitch");
        grade["cases"] = new JsonArray(
            new JsonObject { ["label"] = "Excellent", ["condition"] = new JsonObject { ["type"] = "JavaScript", ["value"] = "getInput('score') >= 90" } },
            new JsonObject { ["label"] = "Competent", ["condition"] = new JsonObject { ["type"] = "JavaScript", ["value"] = "getInput('score') >= 60" } });
        await host.Publish(Flowchart("switch",
            [grade, Activity("excellent", "Elsa.End"), Activity("competent", "Elsa.End"), Activity("otherwise", "Elsa.End")],
            [("grade", "Excellent", "excellent"), ("grade", "Competent", "competent"), ("grade", "Default", "otherwise")]));

        await host.Publish(Flowchart("count-then-check",
            [
                Activity("count", "Elsa.SetVariable").With("variable", new() { ["name"] = "Tries" }).With("value", JavaScript("getVariable('Tries') + 1")),
                Activity("check", "Elsa.WriteLine").With("text", JavaScript("if (getVariable('Tries') < 2) throw new Error('not yet'); 'ok'")),
                Activity("end", "Elsa.End"),
            ],
            [("count", "Done", "check"), ("check", "Done", "end")],
            ("Tries", "Int32", "0")));

        await host.Publish(Flowchart("wait-for-clearance",
            [
                Activity("clearance", "Elsa.Event").With("eventName", Literal("archives-checked")).With("correlationKey", JavaScript("getInput('cadreId')")),
                Activity("remember", "Elsa.SetVariable").With("variable", new() { ["name"] = "Verdict" }).With("value", JavaScript("getLastResult().verdict")),
                Activity("end", "Elsa.End"),
            ],
            [("clearance", "Done", "remember"), ("remember", "Done", "end")]));

        await host.Publish(Flowchart("liquid-and-accessors",
            [
                Activity("count", "Elsa.SetVariable").With("variable", new() { ["name"] = "Counter" }).With("value", JavaScript("if (getCounter() > 0) return getCounter() * 10; return -1;")),
                Activity("greet", "Elsa.SetVariable").With("variable", new() { ["name"] = "Greeting" }).With("value", new JsonObject
                {
                    ["typeName"] = "String",
                    ["expression"] = new JsonObject { ["type"] = "Liquid", ["value"] = "{{ Input.who }} #{{ Variables.Counter }} in {{ WorkflowDefinitionId }} {{ WorkflowInstanceId }}" },
                }),
                Activity("end", "Elsa.End"),
            ],
            [("count", "Done", "greet"), ("greet", "Done", "end")],
            ("Counter", "Int32", "4"), ("Greeting", "String", "")));
    }

    public async Task DisposeAsync() => await host.DisposeAsync();

    [Fact]
    public async Task A_run_evaluates_a_top_level_return_with_a_variable_getter_and_a_Liquid_template_over_the_instance()
    {
        var instance = await host.Start("liquid-and-accessors", new() { ["who"] = "Li Wei" });

        var finished = await host.Instance(instance.Id);
        finished.Status.ShouldBe(WorkflowStatus.Finished);
        var variables = InstanceState.FromJson(finished.StateJson).Variables;
        variables["Counter"]!.GetValue<double>().ShouldBe(40);
        variables["Greeting"]!.GetValue<string>().ShouldBe($"Li Wei #40 in liquid-and-accessors {instance.Id}");
    }

    static IEnumerable<string?> Started(IEnumerable<JournalEntry> journal) => journal.Where(j => j.EventName == "Started").Select(j => j.ActivityId);

    [Fact]
    public async Task A_WaitAll_join_continues_once_after_both_branches_and_expressions_see_their_variables()
    {
        var instance = await host.Start("fork-join", new() { ["b"] = 2 });

        (await host.Instance(instance.Id)).Status.ShouldBe(WorkflowStatus.Finished);
        var started = Started(await host.Journal(instance.Id)).ToList();
        started.Count(a => a == "join").ShouldBe(2); // each branch arrives
        started.Count(a => a == "check").ShouldBe(1); // but the flow continues once
        // The first branch to arrive is journaled as arrived, naming the path still awaited; the join completes once.
        var join = (await host.Journal(instance.Id)).Where(j => j.ActivityId == "join").ToList();
        join.Select(j => j.EventName).ShouldBe(["Started", "Arrived", "Started", "Completed"]);
        join[1].Message.ShouldBeOneOf("awaiting left", "awaiting right");
        started.ShouldContain("sum");
        started.ShouldNotContain("other");
    }

    [Fact]
    public async Task A_decision_on_the_input_takes_the_false_port_when_the_sum_differs()
    {
        var instance = await host.Start("fork-join", new() { ["b"] = 5 });

        Started(await host.Journal(instance.Id)).ShouldContain("other");
    }

    [Theory]
    [InlineData(95, "excellent")]
    [InlineData(90, "excellent")]
    [InlineData(89, "competent")]
    [InlineData(60, "competent")]
    [InlineData(59, "otherwise")]
    public async Task A_switch_continues_on_the_first_matching_case_or_default(int score, string expected)
    {
        var instance = await host.Start("switch", new() { ["score"] = score });

        Started(await host.Journal(instance.Id)).Last().ShouldBe(expected);
    }

    [Fact]
    public async Task An_activity_that_throws_raises_an_incident_and_a_retry_resumes_at_that_activity()
    {
        var instance = await host.Start("count-then-check");

        (await host.Instance(instance.Id)).Status.ShouldBe(WorkflowStatus.Faulted);
        var response = await host.CreateClientFor(Tenant, Roles.OrganizationDepartment).PostAsync($"/api/workflows/instances/{instance.Id}/retry", null);
        response.EnsureSuccessStatusCode();

        // Had the retry started over, "count" would have run again and the check would pass; it resumed at the check instead.
        var journal = await host.Journal(instance.Id);
        Started(journal).ShouldBe(["count", "check", "check"]);
        journal.ShouldContain(j => j.EventName == "Retried" && j.ActivityId == "check");
        var incidents = await host.InScope(services => services.GetRequiredService<WorkflowDbContext>().Incidents.AsNoTracking()
            .Where(i => i.InstanceId == instance.Id).OrderBy(i => i.CreatedAt).ToListAsync());
        incidents.Count.ShouldBe(2);
        incidents.ShouldAllBe(i => i.ActivityId == "check" && i.Message.Contains("not yet"));
        incidents.Count(i => i.ResolvedAt != null).ShouldBe(1);
        (await host.Instance(instance.Id)).Status.ShouldBe(WorkflowStatus.Faulted);
    }

    [Fact]
    public async Task A_named_event_resumes_only_the_instance_waiting_with_its_correlation_key()
    {
        var cadre = Guid.NewGuid().ToString();
        var waiting = await host.Start("wait-for-clearance", new() { ["cadreId"] = cadre });
        var bystander = await host.Start("wait-for-clearance", new() { ["cadreId"] = Guid.NewGuid().ToString() });

        var response = await host.CreateClientFor(Tenant, Roles.OrganizationDepartment).PostAsJsonAsync("/api/workflows/events",
            new RaiseEventRequest("archives-checked", cadre, new JsonObject { ["verdict"] = "clear" }));
        response.EnsureSuccessStatusCode();

        var finished = await host.Instance(waiting.Id);
        finished.Status.ShouldBe(WorkflowStatus.Finished);
        InstanceState.FromJson(finished.StateJson).Variables["Verdict"]!.GetValue<string>().ShouldBe("clear");
        (await host.Instance(bystander.Id)).Status.ShouldBe(WorkflowStatus.Suspended);
    }

    [Fact]
    public async Task C1_changing_one_journal_row_of_a_finished_flow_is_detected_at_that_row()
    {
        var instance = await host.Start("fork-join", new() { ["b"] = 2 });
        var client = host.CreateClientFor(Tenant, Roles.OrganizationDepartment);
        (await client.GetFromJsonAsync<JournalVerification>($"/api/workflows/instances/{instance.Id}/journal/verify"))!.Valid.ShouldBeTrue();
        var target = (await host.Journal(instance.Id)).First(j => j.ActivityId == "check" && j.EventName == "Completed");
        await host.InScope(services => services.GetRequiredService<WorkflowDbContext>().Database
            .ExecuteSqlInterpolatedAsync($"UPDATE journal SET \"Message\" = 'False' WHERE \"Id\" = {target.Id}"));

        var verification = await client.GetFromJsonAsync<JournalVerification>($"/api/workflows/instances/{instance.Id}/journal/verify");

        verification!.Valid.ShouldBeFalse();
        verification.FirstBrokenSequence.ShouldBe(target.Sequence);
    }
}
