using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Orchestration.Contracts;
using Orchestration.Contracts.Nomination;
using Orchestration.Contracts.Vetting;
using Orchestration.Nomination.Data;
using Orchestration.Nomination.DepartmentMeetings;
using Orchestration.Nomination.Nominations;
using Orchestration.Nomination.Recommendations;
using Orchestration.ServiceDefaults.Security;
using Orchestration.Testing;
using Shouldly;
using Xunit;

namespace Orchestration.Nomination.Tests;

/// <summary>
/// N5 — the department meeting (部务会议) chooses inspection candidates from the democratic recommendation: a nominee whose round did
/// not pass (below half) cannot be chosen; each candidate's procedure hears whether they were chosen.
/// </summary>
[Collection(NominationCollection.Name)]
public sealed class DepartmentMeetingTests(NominationHostFixture nomination)
{
    readonly string tenant = $"county-{Guid.NewGuid():N}"[..16];

    HttpClient Client() => nomination.Host.CreateClientFor(tenant, Roles.OrganizationDepartment);

    static DateOnly CountyToday => DateOnly.FromDateTime(DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(8)).DateTime);

    async Task<(Guid Cadre, Guid Procedure)> Recommended(int votesFor)
    {
        var (cadre, procedure) = (Guid.NewGuid(), Guid.NewGuid());
        (await Client().PostAsJsonAsync("/api/nomination/recommendation-rounds", new CountRecommendationRequest(cadre, votesFor, 100, ProcedureId: procedure)))
            .StatusCode.ShouldBe(HttpStatusCode.Created);
        return (cadre, procedure);
    }

    Task<HttpResponseMessage> Meet(params CandidateChoice[] candidates) =>
        Client().PostAsJsonAsync("/api/nomination/department-meetings", new HoldDepartmentMeetingRequest(CountyToday, ["部长 赵某", "副部长 钱某"], candidates, "部务会〔2026〕9次"));

    [Fact]
    public async Task N5_a_candidate_whose_recommendation_passed_is_chosen_and_one_not_chosen_hears_so_in_their_procedure()
    {
        var chosen = await Recommended(50); // exactly half: 「得票率达不到50%的，不得列为考察对象」 — 50% reaches it
        var other = await Recommended(45); // below half: not chosen, and passed over by no ranking
        await using var probe = await BusProbe.StartAsync(nomination.Servers.RabbitMq.AmqpUri, typeof(DepartmentMeetingHeld));

        var meeting = await (await Meet(new CandidateChoice(chosen.Cadre, true, chosen.Procedure), new CandidateChoice(other.Cadre, false, other.Procedure))).ShouldBeCreated<DepartmentMeetingResponse>();

        meeting.Candidates.Count.ShouldBe(2);
        (await probe.WaitFor<DepartmentMeetingHeld>(m => m.ProcedureId == chosen.Procedure)).Outcome.ShouldBe(Outcomes.Passed);
        var notChosen = await probe.WaitFor<DepartmentMeetingHeld>(m => m.ProcedureId == other.Procedure);
        (notChosen.Outcome, notChosen.CadreId).ShouldBe((Outcomes.Failed, other.Cadre));
    }

    [Fact]
    public async Task N5_a_candidate_below_half_or_never_recommended_cannot_be_chosen_and_nothing_is_stored()
    {
        var below = await Recommended(49);

        await (await Meet(new CandidateChoice(below.Cadre, true, below.Procedure))).ShouldNameFieldAndRule("candidates[0].cadreId", "N5");
        await (await Meet(new CandidateChoice(Guid.NewGuid(), true, Guid.NewGuid()))).ShouldNameFieldAndRule("candidates[0].cadreId", "N5");
        await (await Meet(new CandidateChoice(below.Cadre, false, below.Procedure))).ShouldNameFieldAndRule("candidates", "N5"); // nobody chosen

        await using var scope = nomination.Host.Services.CreateAsyncScope();
        (await scope.ServiceProvider.GetRequiredService<NominationDbContext>().DepartmentMeetings.CountAsync(m => m.TenantId == tenant)).ShouldBe(0);
    }

    [Fact]
    public async Task N5_the_meeting_ranks_the_candidates_by_their_recommendation_and_each_procedure_hears_its_rank()
    {
        var (first, second, third) = (await Recommended(72), await Recommended(64), await Recommended(64));
        await using var probe = await BusProbe.StartAsync(nomination.Servers.RabbitMq.AmqpUri, typeof(DepartmentMeetingHeld));

        var meeting = await (await Meet(new CandidateChoice(third.Cadre, false, third.Procedure), new CandidateChoice(first.Cadre, true, first.Procedure),
            new CandidateChoice(second.Cadre, true, second.Procedure))).ShouldBeCreated<DepartmentMeetingResponse>();

        // Equal shares share a rank; choosing one of two equals passes over no one.
        meeting.Ranking!.Select(r => (r.CadreId, r.Rank)).ShouldBe([(first.Cadre, 1), (second.Cadre, 2), (third.Cadre, 2)], ignoreOrder: true);
        meeting.Ranking!.Single(r => r.CadreId == first.Cadre).Score.ShouldBe(0.72m);
        meeting.DepartureReason.ShouldBeNull();
        (await probe.WaitFor<DepartmentMeetingHeld>(m => m.ProcedureId == third.Procedure)).Rank.ShouldBe(2);
        (await probe.WaitFor<DepartmentMeetingHeld>(m => m.ProcedureId == first.Procedure)).Rank.ShouldBe(1);
    }

    [Fact]
    public async Task N5_passing_over_a_higher_ranked_candidate_whose_recommendation_passed_needs_the_meetings_reason()
    {
        var (higher, lower, failed) = (await Recommended(70), await Recommended(60), await Recommended(80));
        failed = (Guid.NewGuid(), failed.Procedure); // a candidate above both whose round is not this procedure's: never recommended here
        var choices = new[] { new CandidateChoice(higher.Cadre, false, higher.Procedure), new CandidateChoice(lower.Cadre, true, lower.Procedure) };

        await (await Meet(choices)).ShouldNameFieldAndRule("departureReason", "N5");

        var meeting = await (await Client().PostAsJsonAsync("/api/nomination/department-meetings", new HoldDepartmentMeetingRequest(CountyToday,
            ["部长 赵某", "副部长 钱某"], choices, "部务会〔2026〕10次", DepartureReason: "拟任岗位需有乡镇党政正职经历"))).ShouldBeCreated<DepartmentMeetingResponse>();
        meeting.DepartureReason.ShouldBe("拟任岗位需有乡镇党政正职经历");
        // Choosing the higher-ranked one, or passing over a candidate below half, departs from nothing.
        (await Meet(new CandidateChoice(higher.Cadre, true, higher.Procedure), new CandidateChoice(lower.Cadre, false, lower.Procedure)))
            .StatusCode.ShouldBe(HttpStatusCode.Created);
        var below = await Recommended(45);
        (await Meet(new CandidateChoice(below.Cadre, false, below.Procedure), new CandidateChoice(lower.Cadre, true, lower.Procedure)))
            .StatusCode.ShouldBe(HttpStatusCode.Created);
        (await Meet(new CandidateChoice(failed.Item1, false, failed.Procedure), new CandidateChoice(lower.Cadre, true, lower.Procedure)))
            .StatusCode.ShouldBe(HttpStatusCode.Created);
    }

    [Fact]
    public void N5_equal_scores_share_a_rank_and_only_a_passed_candidate_above_a_chosen_one_is_passed_over()
    {
        var (a, b, c) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        var ranks = RecommendationRanking.Rank(new Dictionary<Guid, decimal> { [a] = 0.6m, [b] = 0.6m, [c] = 0.55m });

        (ranks[a], ranks[b], ranks[c]).ShouldBe((1, 1, 3));
        RecommendationRanking.PassedOver(ranks, [b], [a, b, c]).ShouldBeEmpty();
        RecommendationRanking.PassedOver(ranks, [c], [a, b, c]).ShouldBe([a, b], ignoreOrder: true);
        RecommendationRanking.PassedOver(ranks, [c], [c]).ShouldBeEmpty();
    }

    [Fact]
    public async Task V6_an_allowed_reconsideration_lifts_the_cool_off_its_procedure_started_and_a_refused_one_does_not()
    {
        var (lifted, kept) = (Guid.NewGuid(), Guid.NewGuid());
        var (liftedProcedure, keptProcedure) = (Guid.NewGuid(), Guid.NewGuid());
        foreach (var (cadre, procedure) in new[] { (lifted, liftedProcedure), (kept, keptProcedure) })
        {
            (await Client().PostAsJsonAsync("/api/nomination/reserve-pool", new ReservePool.AddToReservePoolRequest(cadre))).StatusCode.ShouldBe(HttpStatusCode.Created);
            (await Client().PostAsJsonAsync("/api/nomination/nomination-failures", new RecordFailureRequest(cadre, NominationFailureStage.DecisionMeeting, "未获通过", procedure)))
                .StatusCode.ShouldBe(HttpStatusCode.Created);
        }
        await using var probe = await BusProbe.StartAsync(nomination.Servers.RabbitMq.AmqpUri);

        await probe.Publish(new ReconsiderationDecided(keptProcedure, tenant, kept, Guid.NewGuid(), Guid.NewGuid(), Outcomes.Failed, "V6", "5 of 11"));
        await probe.Publish(new ReconsiderationDecided(liftedProcedure, tenant, lifted, Guid.NewGuid(), Guid.NewGuid(), Outcomes.Passed, null, null));

        Task<HttpResponseMessage> Nominate(Guid cadre) =>
            Client().PostAsJsonAsync("/api/nomination/nominations", new NominateRequest(cadre, NominatorKind.PartyOrganization, "乡镇党委"));
        await Eventually.True(async () => (await Nominate(lifted)).StatusCode == HttpStatusCode.Created, "the cool-off to be lifted");
        await (await Nominate(kept)).ShouldNameFieldAndRule("cadreId", "N6");
    }
}
