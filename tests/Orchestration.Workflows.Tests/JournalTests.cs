using Orchestration.ServiceDefaults.Messaging;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Orchestration.Contracts.Vetting;
using Orchestration.ServiceDefaults.Security;
using Orchestration.Testing;
using Orchestration.Workflows.Api;
using Orchestration.Workflows.Data;
using Orchestration.Workflows.Runtime;
using Shouldly;
using Xunit;
using static Orchestration.Testing.Definition;

namespace Orchestration.Workflows.Tests;

/// <summary>C1 and C2: the full-process record is append-only and tamper-evident, and says who decided.</summary>
public sealed class JournalTests : IClassFixture<ServersFixture>, IAsyncLifetime
{
    readonly ServersFixture servers;
    readonly RuntimeHost host;
    const string Tenant = "county-test";

    public JournalTests(ServersFixture servers)
    {
        this.servers = servers;
        host = new RuntimeHost(servers, servers.Postgres.NewDatabase("workflows"), new FakeTimeProvider(DateTimeOffset.UtcNow));
    }

    public async Task InitializeAsync() =>
        await host.Publish(Flowchart("decision-step",
            [
                Activity("decide", "Orchestration.Vetting.HoldDecisionMeeting")
                    .With("membersTotal", Literal(9)).With("membersPresent", Literal(7)).With("votesFor", Literal(6)).With("votesAgainst", Literal(1))
                    .With("voters", new System.Text.Json.Nodes.JsonObject { ["typeName"] = "Object", ["expression"] = new System.Text.Json.Nodes.JsonObject { ["type"] = "Object", ["value"] = "[\"li\",\"wang\",\"zhao\",\"sun\",\"zhou\",\"wu\",\"zheng\"]" } }),
                Activity("end", "Elsa.End"),
            ],
            [("decide", "Approved", "end")]));

    public async Task DisposeAsync() => await host.DisposeAsync();

    async Task<WorkflowInstance> DecidedProcedure(Guid cadreId)
    {
        var instance = await host.Start("decision-step", new() { ["cadreId"] = cadreId.ToString() }, Tenant);
        await using var probe = await BusProbe.StartAsync(host.BrokerUri);
        await probe.Publish(new DecisionMeetingHeld(instance.Id, Tenant, cadreId, Guid.NewGuid(), DecisionOutcomes.Approved, null, null,
            ["li", "wang", "zhao", "sun", "zhou", "wu", "zheng"]), NewId.NextGuid(), StepToken.Header, await host.StepTokenOf(instance.Id));
        return await host.StatusBecomes(instance.Id, WorkflowStatus.Finished);
    }

    HttpClient Client() => host.CreateClientFor(Tenant, Roles.OrganizationDepartment);

    [Fact]
    public async Task C1_an_untouched_journal_verifies()
    {
        var instance = await DecidedProcedure(Guid.NewGuid());

        var verification = await Client().GetFromJsonAsync<JournalVerification>($"/api/workflows/instances/{instance.Id}/journal/verify");

        verification!.Valid.ShouldBeTrue();
        verification.Entries.ShouldBeGreaterThan(5);
    }

    [Fact]
    public async Task C1_tampering_with_one_journal_row_is_detected_at_that_row()
    {
        var instance = await DecidedProcedure(Guid.NewGuid());
        var target = (await host.Journal(instance.Id)).First(j => j.EventName == "Resumed");
        await host.InScope(services => services.GetRequiredService<WorkflowDbContext>().Database
            .ExecuteSqlInterpolatedAsync($"UPDATE journal SET \"Actor\" = 'someone else' WHERE \"Id\" = {target.Id}"));

        var verification = await Client().GetFromJsonAsync<JournalVerification>($"/api/workflows/instances/{instance.Id}/journal/verify");

        verification!.Valid.ShouldBeFalse();
        verification.FirstBrokenSequence.ShouldBe(target.Sequence);
    }

    [Fact]
    public async Task C1_a_deleted_journal_row_is_detected()
    {
        var instance = await DecidedProcedure(Guid.NewGuid());
        var target = (await host.Journal(instance.Id))[2];
        await host.InScope(services => services.GetRequiredService<WorkflowDbContext>().Database
            .ExecuteSqlInterpolatedAsync($"DELETE FROM journal WHERE \"Id\" = {target.Id}"));

        var verification = await Client().GetFromJsonAsync<JournalVerification>($"/api/workflows/instances/{instance.Id}/journal/verify");

        verification!.Valid.ShouldBeFalse();
        verification.FirstBrokenSequence.ShouldBe(target.Sequence);
    }

    [Fact]
    public async Task C2_the_accountability_query_names_every_voter_of_the_decision()
    {
        var cadreId = Guid.NewGuid();
        var instance = await DecidedProcedure(cadreId);

        var accountable = await Client().GetFromJsonAsync<AccountabilityEntry[]>($"/api/workflows/accountability/{cadreId}");

        accountable!.Where(a => a.Role == "voter").Select(a => a.Actor).ShouldBe(["li", "wang", "zhao", "sun", "zhou", "wu", "zheng"], ignoreOrder: true);
        accountable!.ShouldAllBe(a => a.InstanceId == instance.Id);
        (await host.CreateClientFor("county-other", Roles.OrganizationDepartment)
            .GetFromJsonAsync<AccountabilityEntry[]>($"/api/workflows/accountability/{cadreId}"))!.ShouldBeEmpty();
    }

    [Fact]
    public async Task C1_the_journal_lists_every_step_with_its_actor()
    {
        var instance = await DecidedProcedure(Guid.NewGuid());

        var details = await Client().GetFromJsonAsync<JsonElement>($"/api/workflows/instances/{instance.Id}");

        var events = details.GetProperty("journal").EnumerateArray().Select(e => e.GetProperty("eventName").GetString()).ToList();
        events[0].ShouldBe("WorkflowStarted");
        events.ShouldContain("MessageSent");
        events.ShouldContain("Resumed");
        events.Last(e => e != "StateSaved").ShouldBe("WorkflowFinished");
        events.Last().ShouldBe("StateSaved"); // the finished state is chained too
        details.GetProperty("journal").EnumerateArray().First(e => e.GetProperty("eventName").GetString() == "Resumed")
            .GetProperty("actor").GetString().ShouldBe("service:vetting");
    }

    [Fact]
    public async Task A_caller_of_another_tenant_cannot_see_the_instance()
    {
        var instance = await host.Start("decision-step", new() { ["cadreId"] = Guid.NewGuid().ToString() }, Tenant);

        var response = await host.CreateClientFor("county-other", Roles.OrganizationDepartment).GetAsync($"/api/workflows/instances/{instance.Id}");

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }
}
