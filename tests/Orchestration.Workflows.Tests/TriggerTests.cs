using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Orchestration.Contracts;
using Orchestration.Contracts.Nomination;
using Orchestration.Testing;
using Orchestration.Workflows.Data;
using Orchestration.Workflows.Definitions;
using Orchestration.Workflows.Runtime;
using Shouldly;
using Xunit;
using static Orchestration.Testing.Definition;

namespace Orchestration.Workflows.Tests;

/// <summary>Definitions that start themselves: from the calendar (Timer, Cron, StartAt) or from a named event.</summary>
public sealed class TriggerTests(ServersFixture servers) : IClassFixture<ServersFixture>, IAsyncLifetime
{
    // Monday 4 January 2027, 08:00 UTC.
    readonly FakeTimeProvider clock = new(new DateTimeOffset(2027, 1, 4, 8, 0, 0, TimeSpan.Zero));
    string database = "";

    public Task InitializeAsync()
    {
        database = servers.Postgres.NewDatabase("workflows");
        return Task.CompletedTask;
    }

    public Task DisposeAsync() => Task.CompletedTask;

    RuntimeHost Host() => new(servers, database, clock, overRabbitMq: false);

    static JsonObject Trigger(string id, string type, params (string Input, object Value)[] inputs)
    {
        var activity = Activity(id, type, inputs);
        activity["customProperties"] = new JsonObject { ["canStartWorkflow"] = true };
        return activity;
    }

    static JsonObject StartedBy(string definitionId, JsonObject trigger) => Flowchart(definitionId,
        [trigger, Activity("note", "Elsa.WriteLine", ("text", "started")), Activity("end", "Elsa.End")],
        [(trigger["id"]!.GetValue<string>(), "Done", "note"), ("note", "Done", "end")]);

    async Task<List<WorkflowInstance>> InstancesBecome(RuntimeHost host, string definitionId, int count) =>
        await Eventually.Get(async () => await host.Instances(definitionId) is { } all && all.Count == count && all.All(i => i.Status == WorkflowStatus.Finished) ? all : null,
            $"{count} finished instances of {definitionId}");

    [Fact]
    public async Task A_timer_trigger_starts_one_instance_per_tenant_at_each_interval_and_two_servers_never_start_one_twice()
    {
        await using var first = Host();
        await first.Publish(StartedBy("hourly-check", Trigger("every-hour", "Elsa.Timer", ("interval", "01:00:00"))));
        await using var second = Host();
        _ = second.Server;

        (await first.Triggers("hourly-check")).Single().DueAt.ShouldBe(clock.GetUtcNow().AddHours(1));
        clock.Advance(TimeSpan.FromMinutes(59));
        await first.Services.GetRequiredService<TimerDispatcher>().FireDueTriggersAsync(CancellationToken.None);
        (await first.Instances("hourly-check")).ShouldBeEmpty(); // a minute early

        clock.Advance(TimeSpan.FromMinutes(1));
        var firstHour = await InstancesBecome(first, "hourly-check", RuntimeHost.TriggerTenants.Length);
        firstHour.Select(i => i.TenantId).Order().ShouldBe(RuntimeHost.TriggerTenants.Order());
        (await first.Journal(firstHour[0].Id)).Select(j => j.EventName).ShouldContain("Triggered");

        clock.Advance(TimeSpan.FromHours(1));
        await InstancesBecome(first, "hourly-check", 2 * RuntimeHost.TriggerTenants.Length);
        (await first.Triggers("hourly-check")).Single().DueAt.ShouldBe(clock.GetUtcNow().AddHours(1));
    }

    [Fact]
    public async Task A_timer_trigger_that_missed_occurrences_while_nothing_ran_fires_once_and_keeps_its_rhythm()
    {
        await using var host = Host();
        await host.Publish(StartedBy("hourly-after-outage", Trigger("every-hour", "Elsa.Timer", ("interval", "01:00:00"))));
        var published = clock.GetUtcNow();

        clock.Advance(TimeSpan.FromHours(5.5));
        await InstancesBecome(host, "hourly-after-outage", RuntimeHost.TriggerTenants.Length);
        (await host.Triggers("hourly-after-outage")).Single().DueAt.ShouldBe(published.AddHours(6));
    }

    [Fact]
    public async Task A_quarterly_cron_trigger_starts_the_quarter_and_a_past_start_at_never_fires()
    {
        await using var host = Host();
        await host.Publish(StartedBy("quarterly-revisit", Trigger("quarter", "Elsa.Cron", ("cronExpression", "0 0 0 1 1,4,7,10 *"))));
        await host.Publish(StartedBy("one-shot-past", Trigger("once", "Elsa.StartAt", ("dateTime", "2026-12-31T00:00:00Z"))));

        (await host.Triggers("one-shot-past")).ShouldBeEmpty();
        // Cron is evaluated in county time: the quarter begins at midnight in Beijing, 16:00 UTC the day before.
        var quarter = new DateTimeOffset(2027, 4, 1, 0, 0, 0, TimeSpan.FromHours(8));
        (await host.Triggers("quarterly-revisit")).Single().DueAt.ShouldBe(quarter);

        clock.SetUtcNow(quarter.AddMinutes(-1).ToUniversalTime());
        await host.Services.GetRequiredService<TimerDispatcher>().FireDueTriggersAsync(CancellationToken.None);
        (await host.Instances("quarterly-revisit")).ShouldBeEmpty(); // 15:59 UTC on 31 March is still March in the county

        clock.SetUtcNow(quarter.AddMinutes(1).ToUniversalTime());
        await InstancesBecome(host, "quarterly-revisit", RuntimeHost.TriggerTenants.Length);
        (await host.Triggers("quarterly-revisit")).Single().DueAt.ShouldBe(new DateTimeOffset(2027, 7, 1, 0, 0, 0, TimeSpan.FromHours(8)));
    }

    [Fact]
    public async Task A_start_at_trigger_fires_once_then_is_gone()
    {
        await using var host = Host();
        await host.Publish(StartedBy("birthday", Trigger("birthday", "Elsa.StartAt", ("dateTime", "2027-03-01T00:00:00+08:00"))));

        clock.SetUtcNow(new DateTimeOffset(2027, 3, 1, 0, 0, 0, TimeSpan.FromHours(8)).ToUniversalTime());
        await InstancesBecome(host, "birthday", RuntimeHost.TriggerTenants.Length);
        await Eventually.True(async () => (await host.Triggers("birthday")).Count == 0, "the one-shot trigger to be removed");
    }

    [Fact]
    public async Task An_event_trigger_starts_an_instance_in_the_events_tenant_with_its_payload_as_input()
    {
        await using var host = Host();
        await host.Publish(StartedBy("on-motion-approved", Trigger("approved", "Elsa.Event", ("eventName", "MotionApproved"))));

        var started = await host.InScope(async services =>
        {
            var count = await services.GetRequiredService<WorkflowRuntime>().RaiseEventAsync("county-east", "MotionApproved", "motion-17",
                new JsonObject { ["motionId"] = "motion-17", ["posts"] = 3 }, "service:nomination", CancellationToken.None);
            await services.GetRequiredService<WorkflowDbContext>().SaveChangesAsync();
            return count;
        });

        started.ShouldBe(1);
        var instance = (await InstancesBecome(host, "on-motion-approved", 1)).Single();
        instance.TenantId.ShouldBe("county-east");
        var input = JsonNode.Parse((await host.Journal(instance.Id)).First(j => j.EventName == "WorkflowStarted").PayloadJson!)!;
        input["posts"]!.GetValue<int>().ShouldBe(3);
        input["correlationKey"]!.GetValue<string>().ShouldBe("motion-17");
    }

    [Fact]
    public async Task A_result_recorded_outside_any_procedure_starts_the_definitions_triggered_by_its_type_and_one_for_a_procedure_does_not()
    {
        await using var host = Host();
        await host.Publish(StartedBy("on-round-concluded", Trigger("concluded", "Elsa.Event", ("eventName", nameof(RecommendationRoundConcluded)))));
        var cadre = Guid.NewGuid();

        await host.InScope(async services =>
        {
            var runtime = services.GetRequiredService<WorkflowRuntime>();
            await runtime.DeliverResultAsync(new RecommendationRoundConcluded(Guid.Empty, "county-east", cadre, Guid.NewGuid(), 0.6m, null,
                Outcomes.Passed, null, null), CancellationToken.None);
            await runtime.DeliverResultAsync(new RecommendationRoundConcluded(Guid.NewGuid(), "county-east", Guid.NewGuid(), Guid.NewGuid(), 0.6m, null,
                Outcomes.Passed, null, null), CancellationToken.None);
            await services.GetRequiredService<WorkflowDbContext>().SaveChangesAsync();
            return true;
        });

        var instance = (await InstancesBecome(host, "on-round-concluded", 1)).Single();
        instance.TenantId.ShouldBe("county-east");
        instance.CadreId.ShouldBe(cadre);
        var input = JsonNode.Parse((await host.Journal(instance.Id)).First(j => j.EventName == "WorkflowStarted").PayloadJson!)!;
        input["correlationKey"]!.GetValue<string>().ShouldBe(cadre.ToString());
        input["meetingShare"]!.GetValue<decimal>().ShouldBe(0.6m);
    }

    [Fact]
    public async Task Retracting_removes_the_triggers_and_publishing_a_new_version_replaces_them()
    {
        await using var host = Host();
        await host.Publish(StartedBy("replaced", Trigger("every-hour", "Elsa.Timer", ("interval", "01:00:00"))));
        await host.Publish(StartedBy("replaced", Trigger("every-day", "Elsa.Timer", ("interval", "1.00:00:00"))));

        var trigger = (await host.Triggers("replaced")).Single();
        trigger.ActivityId.ShouldBe("every-day");
        trigger.DefinitionVersionId.ShouldBe("replaced-v2");

        await host.InScope(async services =>
        {
            await services.GetRequiredService<DefinitionStore>().RetractAsync("replaced", DefinitionTenancy.SharedLibrary, CancellationToken.None);
            return await services.GetRequiredService<WorkflowDbContext>().SaveChangesAsync();
        });
        (await host.Triggers("replaced")).ShouldBeEmpty();
    }

    [Fact]
    public async Task Saving_after_a_retract_opens_a_new_version_when_an_instance_ran_on_the_retracted_one()
    {
        await using var host = Host();
        var first = Flowchart("kept-version", [Activity("wait", "Elsa.Delay", ("timeSpan", "01:00:00")), Activity("end", "Elsa.End")], [("wait", "Done", "end")]);
        await host.Publish(first);
        var instance = await host.Start("kept-version");

        var saved = await host.InScope(async services =>
        {
            var store = services.GetRequiredService<DefinitionStore>();
            await store.RetractAsync("kept-version", DefinitionTenancy.SharedLibrary, CancellationToken.None);
            var edited = Flowchart("kept-version", [Activity("wait", "Elsa.Delay", ("timeSpan", "02:00:00")), Activity("end", "Elsa.End")], [("wait", "Done", "end")]);
            var (definition, _) = await store.SaveAsync(edited, publish: false, DefinitionTenancy.SharedLibrary, CancellationToken.None);
            await services.GetRequiredService<WorkflowDbContext>().SaveChangesAsync();
            return definition;
        });

        saved.Version.ShouldBe(2);
        instance.DefinitionVersionId.ShouldBe("kept-version-v1");
        var kept = await host.InScope(services => services.GetRequiredService<DefinitionStore>().VersionAsync("kept-version-v1", CancellationToken.None));
        kept!.Json.ShouldContain("01:00:00");
    }
}
