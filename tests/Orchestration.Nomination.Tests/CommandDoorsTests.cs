using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Orchestration.Contracts;
using Orchestration.Contracts.Nomination;
using Orchestration.Nomination.Data;
using Orchestration.Nomination.Motions;
using Orchestration.Nomination.Nominations;
using Orchestration.Nomination.Recommendations;
using Orchestration.ServiceDefaults.Messaging;
using Orchestration.ServiceDefaults.Security;
using Orchestration.Testing;
using Shouldly;
using Xunit;

namespace Orchestration.Nomination.Tests;

/// <summary>
/// One validator per command, whichever door it comes through: the same invalid command sent over HTTP and by a procedure over the
/// real RabbitMQ is refused by the same rule (a 400 naming field and rule; the step's Failed result with that rule) and stores nothing.
/// The person behind a command from a procedure is recorded as its actor.
/// </summary>
[Collection(NominationCollection.Name)]
public sealed class CommandDoorsTests(NominationHostFixture nomination)
{
    readonly string tenant = $"county-{Guid.NewGuid():N}"[..16];

    static readonly Guid Cadre = Guid.NewGuid();

    async Task<int> Stored<TEntity>() where TEntity : class
    {
        await using var scope = nomination.Host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<NominationDbContext>();
        return await db.Set<TEntity>().CountAsync(e => EF.Property<string>(e, "TenantId") == tenant);
    }

    /// <summary>Posts the request and publishes the command; both must be refused by <paramref name="rule"/>, and nothing stored.</summary>
    async Task RefusedOnBothDoors<TCommand, TResult, TEntity>(string path, object request, Func<Guid, TCommand> command, string field, string rule)
        where TCommand : class, IDomainCommand<TResult> where TResult : class, IDomainResult where TEntity : class
    {
        var response = await nomination.Host.CreateClientFor(tenant, Roles.OrganizationDepartment).PostAsJsonAsync($"/api/nomination/{path}", request);
        await response.ShouldNameFieldAndRule(field, rule);

        await using var probe = await BusProbe.StartAsync(nomination.Servers.RabbitMq.AmqpUri, typeof(TResult));
        var procedureId = Guid.NewGuid();
        await probe.Publish(command(procedureId));
        var answer = await probe.WaitFor<TResult>(e => e.ProcedureId == procedureId);
        answer.Outcome.ShouldBe(Outcomes.Failed, answer.Reason);
        answer.RuleId.ShouldBe(rule, answer.Reason);

        (await Stored<TEntity>()).ShouldBe(0);
    }

    Task RoundRefused(CountRecommendationRequest round, string field, string rule) =>
        RefusedOnBothDoors<ConcludeRecommendationRound, RecommendationRoundConcluded, RecommendationRound>("recommendation-rounds", round,
            procedureId => round.ToCommand(tenant) with { ProcedureId = procedureId }, field, rule);

    [Fact]
    public async Task N5_each_door_counts_its_refusal_by_command_door_and_rule()
    {
        using var counts = new CommandCounts(nameof(ConcludeRecommendationRound));

        await RoundRefused(new CountRecommendationRequest(Cadre, 101, 100), "meetingVotesFor", "N5");

        counts.Counted.ShouldContain(("http", "refused", "N5"));
        counts.Counted.ShouldContain(("bus", "refused", "N5"));
    }

    static RaiseMotionRequest AMotion() =>
        new(Guid.NewGuid(), MotionGround.OrganizationDepartmentProposal, AdjustmentKind.Partial, "配齐乡镇领导班子", "注重实绩、群众公认", 2, 1);

    Task MotionRefused(RaiseMotionRequest motion, string field, string rule) =>
        RefusedOnBothDoors<RaiseMotion, MotionRaised, Motion>("motions", motion,
            procedureId => motion.ToCommand(tenant) with { ProcedureId = procedureId }, field, rule);

    [Fact]
    public Task N5_more_votes_than_ballots_cast_is_refused_on_either_door() =>
        RoundRefused(new CountRecommendationRequest(Cadre, MeetingVotesFor: 11, MeetingBallotsCast: 10), "meetingVotesFor", "N5");

    [Fact]
    public Task N5_a_round_without_ballots_is_refused_on_either_door() =>
        RoundRefused(new CountRecommendationRequest(Cadre, MeetingVotesFor: 0, MeetingBallotsCast: 0), "meetingBallotsCast", "N5");

    [Fact]
    public Task N5_conversations_recommending_without_conversations_held_are_refused_on_either_door() =>
        RoundRefused(new CountRecommendationRequest(Cadre, 60, 100, ConversationsFor: 5), "conversationsHeld", "N5");

    [Fact]
    public Task N7_a_channel_with_more_recommendations_than_recommenders_is_refused_on_either_door() =>
        RoundRefused(new CountRecommendationRequest(Cadre, 60, 100, Channels: [new(RecommendationChannel.Organization, 2, 1)]), "channels[0].for", "N7");

    [Fact]
    public Task N1_a_motion_naming_a_person_is_refused_on_either_door() =>
        MotionRefused(AMotion() with { NamedCadreId = Cadre }, "namedCadreId", "N1");

    [Fact]
    public Task N1_a_motion_on_a_ground_the_rules_do_not_know_is_refused_by_N1_on_either_door() =>
        MotionRefused(AMotion() with { Ground = (MotionGround)99 }, "ground", "N1");

    [Fact]
    public Task N1_a_motion_without_criteria_is_refused_on_either_door() =>
        MotionRefused(AMotion() with { Criteria = "" }, "criteria", "N1");

    [Fact]
    public Task N9_a_motion_for_vacant_posts_that_lists_none_is_refused_on_either_door() =>
        MotionRefused(AMotion() with { Ground = MotionGround.PostVacancy }, "posts", "N9");

    [Fact]
    public Task N2_a_motion_promoting_more_than_it_adjusts_is_refused_on_either_door() =>
        MotionRefused(AMotion() with { CadresAdjusted = 2, CadresPromoted = 3 }, "cadresPromoted", "N2");

    [Fact]
    public Task N3_nominating_ones_spouse_is_refused_on_either_door()
    {
        var nomination = new NominateRequest(Cadre, NominatorKind.PartyOrganization, "乡镇党委", NomineeRelationship.Spouse);
        return RefusedOnBothDoors<Nominate, NominationAccepted, CadreNomination>("nominations", nomination,
            procedureId => nomination.ToCommand(tenant, "乡镇党委") with { ProcedureId = procedureId }, "declaredRelationship", "N3");
    }

    [Fact]
    public Task N6_a_failure_of_no_cadre_is_refused_on_either_door()
    {
        var failure = new RecordFailureRequest(Guid.Empty, NominationFailureStage.Inspection);
        return RefusedOnBothDoors<RecordNominationFailure, NominationFailureRecorded, NominationFailure>("nomination-failures", failure,
            procedureId => failure.ToCommand(tenant) with { ProcedureId = procedureId }, "cadreId", "N6");
    }

    [Fact]
    public Task N8_a_disqualifier_without_its_source_is_refused_on_either_door()
    {
        var disqualifier = new RecordDisqualifierRequest(Cadre, DisqualifierKind.PoorReputation, "");
        return RefusedOnBothDoors<RecordDisqualifier, DisqualifierRecorded, Disqualifier>("disqualifiers", disqualifier,
            procedureId => disqualifier.ToCommand(tenant) with { ProcedureId = procedureId }, "source", "N8");
    }

    async Task<(DisqualifierRecorded Answer, string? Actor, Disqualifier Stored)> RecordDisqualifierOverTheBus(Guid procedureId, string? actor)
    {
        await using var probe = await BusProbe.StartAsync(nomination.Servers.RabbitMq.AmqpUri, typeof(DisqualifierRecorded));
        var command = new RecordDisqualifier(procedureId, tenant, Guid.NewGuid(), DisqualifierKind.IntegrityProblem, "纪委回复意见");
        if (actor is null) await probe.Publish(command);
        else await probe.Publish(command, CommandActor.Header, actor);

        var answer = await probe.WaitFor<DisqualifierRecorded>(e => e.ProcedureId == procedureId);
        await using var scope = nomination.Host.Services.CreateAsyncScope();
        var stored = await scope.ServiceProvider.GetRequiredService<NominationDbContext>().Disqualifiers.SingleAsync(d => d.ProcedureId == procedureId);
        return (answer, probe.HeaderOf(answer, CommandActor.Header), stored);
    }

    [Fact]
    public async Task C1_a_disqualifier_sent_for_clerk_7_is_recorded_by_clerk_7_and_its_answer_carries_the_actor()
    {
        var (answer, actor, stored) = await RecordDisqualifierOverTheBus(Guid.NewGuid(), "clerk-7");

        answer.Outcome.ShouldBe(Outcomes.Done);
        actor.ShouldBe("clerk-7");
        stored.RecordedBy.ShouldBe("clerk-7");
    }

    [Fact]
    public async Task C1_a_disqualifier_sent_without_an_actor_is_recorded_by_its_procedure()
    {
        var procedureId = Guid.NewGuid();

        var (_, actor, stored) = await RecordDisqualifierOverTheBus(procedureId, null);

        actor.ShouldBe($"workflow:{procedureId}");
        stored.RecordedBy.ShouldBe($"workflow:{procedureId}");
    }
}
