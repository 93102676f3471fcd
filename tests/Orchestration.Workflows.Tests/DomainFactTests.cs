using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Orchestration.Contracts;
using Orchestration.Contracts.Vetting;
using Orchestration.Contracts.VillagePay;
using Orchestration.ServiceDefaults.Messaging;
using Orchestration.ServiceDefaults.Security;
using Orchestration.Testing;
using Orchestration.Workflows.Data;
using Orchestration.Workflows.Runtime;
using Shouldly;
using Xunit;
using static Orchestration.Testing.Definition;

namespace Orchestration.Workflows.Tests;

/// <summary>
/// One door per fact: a fact the department records at the service that owns it (here the decision meeting, at vetting) resumes the
/// procedure's step waiting for it, as the clerk who recorded it; a fact recorded early waits for its step.
/// </summary>
public sealed class DomainFactTests : IClassFixture<ServersFixture>, IAsyncLifetime
{
    const string Tenant = "county-test";
    const string Clerk = "clerk-gao";
    readonly ServersFixture servers;
    readonly RuntimeHost host;
    readonly FakeTimeProvider clock = new(DateTimeOffset.UtcNow);

    public DomainFactTests(ServersFixture servers)
    {
        this.servers = servers;
        host = new RuntimeHost(servers, servers.Postgres.NewDatabase("workflows"), clock);
    }

    public async Task InitializeAsync()
    {
        // The meeting is recorded at vetting; after it the procedure opens the publicity (a command to vetting).
        await host.Publish(Flowchart("meeting-fact",
            [
                Activity("start", "Elsa.Start"),
                Activity("deliberation", "Elsa.Event", ("eventName", "deliberation-done")),
                Activity("meeting", "Orchestration.Vetting.DecisionMeetingHeld"),
                Activity("publicity", "Orchestration.Vetting.OpenPublicity"),
                Activity("approved", "Elsa.End"),
                Activity("rejected", "Elsa.Finish"),
            ],
            [
                ("start", "Done", "deliberation"), ("deliberation", "Done", "meeting"), ("meeting", "Approved", "publicity"),
                ("meeting", "Rejected", "rejected"), ("meeting", "QuorumMissing", "meeting"), ("publicity", "Passed", "approved"),
            ]));
    }

    public async Task DisposeAsync() => await host.DisposeAsync();

    static DecisionMeetingHeld Meeting(WorkflowInstance instance, string outcome = DecisionOutcomes.Approved, Guid? cadre = null) =>
        new(instance.Id, Tenant, cadre ?? instance.CadreId!.Value, Guid.NewGuid(), outcome, null, null, ["wang", "li", "zhao"]);

    [Fact]
    public async Task A_fact_recorded_at_its_service_resumes_the_step_waiting_for_it_as_the_clerk_and_the_next_command_carries_the_clerk()
    {
        var instance = await host.Start("meeting-fact", new() { ["cadreId"] = Guid.NewGuid().ToString() });
        await Raise(instance, "deliberation-done");
        await using var probe = await BusProbe.StartAsync(host.BrokerUri, typeof(OpenPublicity));

        await probe.Publish(Meeting(instance), CommandActor.Header, Clerk); // as vetting publishes it after the clerk's POST

        var command = await probe.WaitFor<OpenPublicity>(c => c.ProcedureId == instance.Id);
        command.CadreId.ShouldBe(instance.CadreId!.Value);
        probe.HeaderOf(command, CommandActor.Header).ShouldBe(Clerk, "the command the clerk's fact caused names the clerk");
        var journal = await host.Journal(instance.Id);
        journal.ShouldContain(j => j.EventName == "Resumed" && j.ActivityId == "meeting" && j.Actor == Clerk);
        journal.ShouldContain(j => j.EventName == "Accountable" && j.Role == "recorder" && j.Actor == Clerk);
        journal.ShouldContain(j => j.EventName == "Accountable" && j.Role == "voter" && j.Actor == "zhao");
    }

    [Fact]
    public async Task A_fact_recorded_before_the_procedure_reaches_its_step_waits_and_is_applied_when_it_gets_there()
    {
        var instance = await host.Start("meeting-fact", new() { ["cadreId"] = Guid.NewGuid().ToString() });
        await using var probe = await BusProbe.StartAsync(host.BrokerUri);

        await probe.Publish(Meeting(instance), CommandActor.Header, Clerk); // the deliberation is still open

        var waiting = await Eventually.Get(async () => (await Client().GetFromJsonAsync<JsonArray>($"/api/workflows/waiting-facts?instanceId={instance.Id}"))!
            .SingleOrDefault(), "the early fact to be listed as waiting");
        waiting!["name"]!.GetValue<string>().ShouldBe(nameof(DecisionMeetingHeld));
        waiting["recordedBy"]!.GetValue<string>().ShouldBe(Clerk);
        waiting["expired"]!.GetValue<bool>().ShouldBeFalse();
        (await host.Bookmarks(instance.Id)).Single().ActivityId.ShouldBe("deliberation");

        await Raise(instance, "deliberation-done");

        await Eventually.True(async () => (await host.Bookmarks(instance.Id)).Select(b => b.ActivityId).SequenceEqual(["publicity"]),
            "the kept meeting to be applied when the procedure reaches it");
        (await host.Journal(instance.Id)).ShouldContain(j => j.EventName == "Resumed" && j.ActivityId == "meeting" && j.Actor == Clerk);
        (await Client().GetFromJsonAsync<JsonArray>($"/api/workflows/waiting-facts?instanceId={instance.Id}"))!.ShouldBeEmpty();
    }

    [Theory]
    [InlineData(29, true)]
    [InlineData(31, false)]
    public async Task A_fact_kept_for_a_step_not_reached_is_applied_within_its_lifetime_and_never_after_it(int daysLater, bool applied)
    {
        var instance = await host.Start("meeting-fact", new() { ["cadreId"] = Guid.NewGuid().ToString() });
        await using var probe = await BusProbe.StartAsync(host.BrokerUri);
        await probe.Publish(Meeting(instance), CommandActor.Header, Clerk); // the deliberation is still open
        await Eventually.Get(async () => (await Client().GetFromJsonAsync<JsonArray>($"/api/workflows/waiting-facts?instanceId={instance.Id}"))!
            .SingleOrDefault(), "the early fact to be listed as waiting");

        clock.Advance(TimeSpan.FromDays(daysLater)); // Workflows:WaitingFactLifetime is 30 days
        var listed = (await Client().GetFromJsonAsync<JsonArray>($"/api/workflows/waiting-facts?instanceId={instance.Id}"))!.Single()!;
        listed["expired"]!.GetValue<bool>().ShouldBe(!applied);
        await Raise(instance, "deliberation-done");

        if (applied)
        {
            await Eventually.True(async () => (await host.Bookmarks(instance.Id)).Select(b => b.ActivityId).SequenceEqual(["publicity"]),
                "the kept meeting to be applied when the procedure reaches it");
            return;
        }

        // An expired fact is applied to nothing: the procedure waits at the meeting for a fresh one, and the old one stays listed as expired.
        await Eventually.True(async () => (await host.Bookmarks(instance.Id)).Select(b => b.ActivityId).SequenceEqual(["meeting"]),
            "the procedure to reach the meeting");
        (await host.Journal(instance.Id)).ShouldNotContain(j => j.EventName == "Resumed" && j.ActivityId == "meeting");
        (await Client().GetFromJsonAsync<JsonArray>($"/api/workflows/waiting-facts?instanceId={instance.Id}"))!.Single()!["expired"]!.GetValue<bool>()
            .ShouldBeTrue();
    }

    [Fact]
    public async Task A_step_that_waits_for_the_next_stage_takes_that_stage_whatever_order_the_stages_arrive_in()
    {
        // The stages of a selection are recorded one after the other at village-pay; the bus may bring them in any order.
        await host.Publish(Flowchart("stages-fact",
            [
                Activity("start", "Elsa.Start"),
                Activity("stages", "Elsa.SetVariable").With("variable", new() { ["id"] = "StagesLeft", ["name"] = "stagesLeft" })
                    .With("value", JavaScript("['TownshipReview', 'CountyReview', 'Publicity']")),
                Activity("stage", "Orchestration.VillagePay.SelectionStageCompleted", ("matchField", "stage"))
                    .With("matchValue", JavaScript("variables.stagesLeft[0]")),
                Activity("stageDone", "Elsa.SetVariable").With("variable", new() { ["id"] = "StagesLeft", ["name"] = "stagesLeft" })
                    .With("value", JavaScript("variables.stagesLeft.slice(1)")),
                Activity("more", "Elsa.FlowDecision").With("condition", JavaScript("variables.stagesLeft.length > 0")),
                Activity("end", "Elsa.End"),
            ],
            [
                ("start", "Done", "stages"), ("stages", "Done", "stage"), ("stage", "Completed", "stageDone"), ("stageDone", "Done", "more"),
                ("more", "True", "stage"), ("more", "False", "end"),
            ]));
        var instance = await host.Start("stages-fact");
        await using var probe = await BusProbe.StartAsync(host.BrokerUri);
        SelectionStageCompleted Stage(SelectionStage stage) =>
            new(instance.Id, Tenant, Guid.NewGuid(), stage, 4, null, 4, 0, null, SelectionOutcomes.Completed, "P3", null);

        await probe.Publish(Stage(SelectionStage.Publicity), CommandActor.Header, "clerk-publicity");
        await probe.Publish(Stage(SelectionStage.CountyReview), CommandActor.Header, "clerk-county");

        // Neither is the stage the procedure waits for: both are kept, and the procedure keeps waiting for the township review.
        await Eventually.True(async () => (await Client().GetFromJsonAsync<JsonArray>($"/api/workflows/waiting-facts?instanceId={instance.Id}"))!.Count == 2,
            "the two later stages to be kept");
        (await host.Bookmarks(instance.Id)).Single().ActivityId.ShouldBe("stage");
        (await host.Journal(instance.Id)).ShouldNotContain(j => j.EventName == "Resumed");

        await probe.Publish(Stage(SelectionStage.TownshipReview), CommandActor.Header, "clerk-township");

        await host.StatusBecomes(instance.Id, WorkflowStatus.Finished);
        (await host.Journal(instance.Id)).Where(j => j.EventName == "Resumed" && j.ActivityId == "stage").OrderBy(j => j.Sequence).Select(j => j.Actor)
            .ShouldBe(["clerk-township", "clerk-county", "clerk-publicity"]);
        (await Client().GetFromJsonAsync<JsonArray>($"/api/workflows/waiting-facts?instanceId={instance.Id}"))!.ShouldBeEmpty();
    }

    [Fact]
    public async Task A_fact_never_resumes_a_command_step_and_a_fact_about_another_cadre_resumes_nothing()
    {
        var instance = await host.Start("meeting-fact", new() { ["cadreId"] = Guid.NewGuid().ToString() });
        await Raise(instance, "deliberation-done");
        await using var probe = await BusProbe.StartAsync(host.BrokerUri);

        await probe.Publish(Meeting(instance, cadre: Guid.NewGuid()), CommandActor.Header, Clerk);
        await Eventually.True(() => host.InScope(async services =>
            await services.GetRequiredService<WorkflowDbContext>().Unmatched.AnyAsync(u => u.ProcedureId == instance.Id)), "the stray fact to be recorded unmatched");
        (await host.Bookmarks(instance.Id)).Single().ActivityId.ShouldBe("meeting");

        await probe.Publish(Meeting(instance), CommandActor.Header, Clerk);
        await Eventually.True(async () => (await host.Bookmarks(instance.Id)).Select(b => b.ActivityId).SequenceEqual(["publicity"]), "the meeting to move on");

        // The publicity's answer without its step token is a fact nobody recorded for this step: it does not resume the command's wait.
        await probe.Publish(new PublicityOpened(instance.Id, Tenant, instance.CadreId!.Value, Guid.NewGuid(), Outcomes.Passed, null, null, null, null));
        await Eventually.True(() => host.InScope(async services =>
            await services.GetRequiredService<WorkflowDbContext>().WaitingFacts.AnyAsync(f => f.InstanceId == instance.Id)), "the stray answer to be kept aside");
        (await host.Bookmarks(instance.Id)).Single().ActivityId.ShouldBe("publicity");
        (await host.Instance(instance.Id)).Status.ShouldBe(WorkflowStatus.Suspended);
    }

    [Fact]
    public async Task An_event_for_a_step_not_reached_yet_is_kept_and_one_for_no_procedure_is_refused()
    {
        var instance = await host.Start("meeting-fact", new() { ["cadreId"] = Guid.NewGuid().ToString() });
        await Raise(instance, "deliberation-done");
        (await host.Bookmarks(instance.Id)).Single().ActivityId.ShouldBe("meeting");

        // The procedure waits at the meeting: a second "deliberation-done" is for no step yet, and is kept for when it comes again.
        var early = await Client().PostAsJsonAsync("/api/workflows/events", new { eventName = "deliberation-done", correlationKey = instance.Id.ToString() });
        early.StatusCode.ShouldBe(HttpStatusCode.Accepted, await early.Content.ReadAsStringAsync());
        (await early.Content.ReadFromJsonAsync<JsonObject>())!["waiting"]!.GetValue<bool>().ShouldBeTrue();

        var nowhere = await Client().PostAsJsonAsync("/api/workflows/events", new { eventName = "deliberation-done", correlationKey = Guid.NewGuid().ToString() });
        nowhere.StatusCode.ShouldBe(HttpStatusCode.NotFound, "no procedure waits for it and the key names none");
    }

    [Fact]
    public async Task A_human_step_whose_payload_breaks_the_declared_schema_is_refused_naming_the_field_and_resumes_nothing()
    {
        const string schema = """{"type":"object","required":["score"],"properties":{"score":{"type":"integer","minimum":0,"maximum":100}}}""";
        await host.Publish(Flowchart("scored-step",
            [Activity("start", "Elsa.Start"), Activity("score", "Elsa.Event", ("eventName", "score-recorded"), ("payloadSchema", schema)), Activity("end", "Elsa.End")],
            [("start", "Done", "score"), ("score", "Done", "end")]));
        var instance = await host.Start("scored-step");

        var refused = await Client().PostAsJsonAsync("/api/workflows/events",
            new { eventName = "score-recorded", correlationKey = instance.Id.ToString(), payload = new { score = 120 } });
        refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await refused.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!.AsObject().Select(e => e.Key).ShouldContain("payload.score");
        var missing = await Client().PostAsJsonAsync("/api/workflows/events",
            new { eventName = "score-recorded", correlationKey = instance.Id.ToString(), payload = new { points = 80 } });
        missing.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await host.Bookmarks(instance.Id)).Single().ActivityId.ShouldBe("score", "a refused step resumes nothing");

        var accepted = await Client().PostAsJsonAsync("/api/workflows/events",
            new { eventName = "score-recorded", correlationKey = instance.Id.ToString(), payload = new { score = 100 } });
        accepted.StatusCode.ShouldBe(HttpStatusCode.OK, await accepted.Content.ReadAsStringAsync());
        await host.StatusBecomes(instance.Id, WorkflowStatus.Finished);
    }

    async Task Raise(WorkflowInstance instance, string eventName)
    {
        var response = await Client().PostAsJsonAsync("/api/workflows/events", new { eventName, correlationKey = instance.Id.ToString() });
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
    }

    HttpClient Client() => host.CreateClientAs(Clerk, Tenant, Roles.OrganizationDepartment);
}
