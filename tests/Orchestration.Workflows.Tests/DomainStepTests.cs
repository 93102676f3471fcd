using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Orchestration.Contracts;
using Orchestration.Contracts.Nomination;
using Orchestration.ServiceDefaults.Messaging;
using Orchestration.Testing;
using Orchestration.Workflows.Data;
using Orchestration.Workflows.Runtime;
using Shouldly;
using Xunit;
using static Orchestration.Testing.Definition;

namespace Orchestration.Workflows.Tests;

/// <summary>A domain step sends its command through the outbox and waits for the result over the real RabbitMQ.</summary>
public sealed class DomainStepTests : IClassFixture<ServersFixture>, IAsyncLifetime
{
    readonly ServersFixture servers;
    readonly RuntimeHost host;

    public DomainStepTests(ServersFixture servers)
    {
        this.servers = servers;
        host = new RuntimeHost(servers, servers.Postgres.NewDatabase("workflows"), new FakeTimeProvider(DateTimeOffset.UtcNow));
    }

    public async Task InitializeAsync()
    {
        await host.Publish(Flowchart("recommendation-step",
            [
                Activity("start", "Elsa.Start"),
                Activity("recommend", "Orchestration.Nomination.ConcludeRecommendationRound")
                    .With("meetingVotesFor", Literal(70)).With("meetingBallotsCast", Literal(100)),
                Activity("passed", "Elsa.End"),
                Activity("failed", "Elsa.Finish"),
            ],
            [("start", "Done", "recommend"), ("recommend", "Passed", "passed"), ("recommend", "Failed", "failed")]));
    }

    public async Task DisposeAsync() => await host.DisposeAsync();

    [Fact]
    public async Task The_step_sends_its_command_through_the_outbox_with_the_procedure_id()
    {
        await using var probe = await BusProbe.StartAsync(host.BrokerUri, typeof(ConcludeRecommendationRound));
        var cadreId = Guid.NewGuid();

        var instance = await host.Start("recommendation-step", new() { ["cadreId"] = cadreId.ToString() });

        var command = await probe.WaitFor<ConcludeRecommendationRound>(c => c.ProcedureId == instance.Id);
        command.CadreId.ShouldBe(cadreId); // taken from the workflow input
        command.MeetingVotesFor.ShouldBe(70);
        command.TenantId.ShouldBe("county-test");
        (await host.Instance(instance.Id)).Status.ShouldBe(WorkflowStatus.Suspended);
    }

    [Fact]
    public async Task A_redelivered_result_event_resumes_the_instance_once()
    {
        var instance = await host.Start("recommendation-step", new() { ["cadreId"] = Guid.NewGuid().ToString() });
        var result = new RecommendationRoundConcluded(instance.Id, "county-test", instance.CadreId!.Value, Guid.NewGuid(), 0.7m, null, Outcomes.Passed, null, null);
        var messageId = NewId.NextGuid();
        await using var probe = await BusProbe.StartAsync(host.BrokerUri);

        var step = await host.StepTokenOf(instance.Id);
        await probe.Publish(result, messageId, StepToken.Header, step);
        await host.StatusBecomes(instance.Id, WorkflowStatus.Finished);
        await probe.Publish(result, messageId, StepToken.Header, step);
        await Eventually.True(() => host.InScope(async services =>
            await services.GetRequiredService<WorkflowDbContext>().Set<InboxMessage>().AnyAsync(m => m.MessageId == messageId)), "the inbox record");
        await Task.Delay(500); // let the redelivery reach the consumer, which must not apply it

        var journal = await host.Journal(instance.Id);
        journal.Count(j => j.EventName == "Resumed").ShouldBe(1);
        journal.Last(j => j.EventName == "Completed" && j.ActivityId == "recommend").Message.ShouldBe("Passed");
        journal.ShouldContain(j => j.ActivityId == "passed" && j.EventName == "Started");
    }

    [Fact]
    public async Task A_result_for_an_unknown_procedure_is_recorded_and_dropped()
    {
        var stranger = Guid.NewGuid();
        await using var probe = await BusProbe.StartAsync(host.BrokerUri);

        await probe.Publish(new RecommendationRoundConcluded(stranger, "county-test", Guid.NewGuid(), Guid.NewGuid(), 0.4m, null, Outcomes.Failed, "N5", "below"));

        var unmatched = await Eventually.Get(() => host.InScope(services =>
            services.GetRequiredService<WorkflowDbContext>().Unmatched.AsNoTracking().SingleOrDefaultAsync(u => u.ProcedureId == stranger)), "the unmatched record");
        unmatched.MessageType.ShouldBe(nameof(RecommendationRoundConcluded));
        (await host.InScope(services => services.GetRequiredService<WorkflowDbContext>().Instances.CountAsync(i => i.Id == stranger))).ShouldBe(0);
    }

    [Fact]
    public async Task A_result_naming_another_countys_procedure_resumes_nothing_and_is_recorded()
    {
        var instance = await host.Start("recommendation-step", new() { ["cadreId"] = Guid.NewGuid().ToString() });
        await using var probe = await BusProbe.StartAsync(host.BrokerUri);

        // county-b's service answers with county-a's procedure id.
        await probe.Publish(new RecommendationRoundConcluded(instance.Id, "county-b", instance.CadreId!.Value, Guid.NewGuid(), 0.1m, null, Outcomes.Failed, "N5", "forged"));

        var unmatched = await Eventually.Get(() => host.InScope(services =>
            services.GetRequiredService<WorkflowDbContext>().Unmatched.AsNoTracking().SingleOrDefaultAsync(u => u.ProcedureId == instance.Id)), "the unmatched record");
        unmatched.TenantId.ShouldBe("county-b");
        (await host.Instance(instance.Id)).Status.ShouldBe(WorkflowStatus.Suspended);
        (await host.Journal(instance.Id)).ShouldNotContain(j => j.EventName == "Resumed");
        (await host.Bookmarks(instance.Id)).ShouldHaveSingleItem();
    }

    static string StepOf(BookmarkRecord bookmark) => System.Text.Json.Nodes.JsonNode.Parse(bookmark.PayloadJson!)!["step"]!.GetValue<string>();

    [Fact]
    public async Task Two_branches_sending_the_same_command_are_each_resumed_by_their_own_answer()
    {
        await host.Publish(Flowchart("two-rounds",
            [
                Activity("fork", "Elsa.FlowFork"),
                Activity("roundA", "Orchestration.Nomination.ConcludeRecommendationRound").With("meetingVotesFor", Literal(70)).With("meetingBallotsCast", Literal(100)),
                Activity("roundB", "Orchestration.Nomination.ConcludeRecommendationRound").With("meetingVotesFor", Literal(40)).With("meetingBallotsCast", Literal(100)),
                Activity("doneA", "Elsa.End"), Activity("doneB", "Elsa.End"),
            ],
            [("fork", "A", "roundA"), ("fork", "B", "roundB"), ("roundA", "Passed", "doneA"), ("roundA", "Failed", "doneA"),
             ("roundB", "Passed", "doneB"), ("roundB", "Failed", "doneB")]));
        var instance = await host.Start("two-rounds", new() { ["cadreId"] = Guid.NewGuid().ToString() });
        var waits = await Eventually.Get(async () => await host.Bookmarks(instance.Id) is { Count: 2 } both ? both : null, "both rounds waiting");
        var roundB = waits.Single(b => b.ActivityId == "roundB");
        await using var probe = await BusProbe.StartAsync(host.BrokerUri);

        // B's answer (it failed N5), echoing B's step token: only branch B moves on, on the Failed port.
        await probe.Publish(new RecommendationRoundConcluded(instance.Id, "county-test", instance.CadreId!.Value, Guid.NewGuid(), 0.4m, null, Outcomes.Failed, "N5", "below half"),
            StepToken.Header, StepOf(roundB));
        await Eventually.True(async () => (await host.Bookmarks(instance.Id)).Select(b => b.ActivityId).SequenceEqual(["roundA"]), "branch B to move on alone");
        (await host.Journal(instance.Id)).ShouldContain(j => j.ActivityId == "roundB" && j.EventName == "Completed" && j.Message == "Failed");

        // A stale answer (a token no step waits with) resumes nothing and is recorded.
        await probe.Publish(new RecommendationRoundConcluded(instance.Id, "county-test", instance.CadreId!.Value, Guid.NewGuid(), 0.9m, null, Outcomes.Passed, null, null),
            StepToken.Header, Guid.NewGuid().ToString("N"));
        await Eventually.True(() => host.InScope(services => services.GetRequiredService<WorkflowDbContext>().Unmatched.AnyAsync(u => u.ProcedureId == instance.Id)),
            "the stale answer recorded");
        (await host.Bookmarks(instance.Id)).ShouldHaveSingleItem().ActivityId.ShouldBe("roundA");

        // A's answer with its token finishes the procedure.
        var roundA = (await host.Bookmarks(instance.Id)).Single();
        await probe.Publish(new RecommendationRoundConcluded(instance.Id, "county-test", instance.CadreId!.Value, Guid.NewGuid(), 0.7m, null, Outcomes.Passed, null, null),
            StepToken.Header, StepOf(roundA));
        await host.StatusBecomes(instance.Id, WorkflowStatus.Finished);
    }
}
