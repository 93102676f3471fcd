using System.Net;
using Orchestration.Contracts.Vetting;
using Orchestration.Vetting.Decisions;
using Shouldly;
using Xunit;

namespace Orchestration.Vetting.Tests;

/// <summary>
/// V6 — 差额票决 (seed 002: 党政正职 「全体委员无记名投票，必要时可实行差额票决」): the committee chooses one of several candidates for one post;
/// each member present votes for one candidate at most, and only a candidate with more than half of all members (「超过半数」, half
/// itself excluded) is approved.
/// </summary>
[Collection(VettingCollection.Name)]
public sealed class CompetitiveVoteTests(VettingHostFixture vetting)
{
    readonly VettingApi api = new(vetting);

    static RecordCompetitiveVoteRequest Vote(params CompetitiveCandidate[] candidates) =>
        new("某镇党委书记", 10, 9, VettingApi.Members(9), candidates);

    [Fact]
    public async Task V6_the_candidate_with_more_than_half_of_all_members_is_approved_and_the_others_rejected_each_in_its_procedure()
    {
        var (first, second, third) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        var (procedure1, procedure2) = (Guid.NewGuid(), Guid.NewGuid());

        var held = await api.Post<DecisionMeetingResponse[]>("decision-meetings/competitive",
            Vote(new(first, 6, procedure1), new(second, 2, procedure2), new(third, 1)));

        held.Select(m => (m.CadreId, m.Outcome)).ShouldBe([(first, DecisionOutcomes.Approved), (second, DecisionOutcomes.Rejected), (third, DecisionOutcomes.Rejected)]);
        held.Select(m => m.CompetitiveVoteId).Distinct().ShouldHaveSingleItem().ShouldNotBeNull();
        held[0].ProcedureId.ShouldBe(procedure1);
        held[1].ProcedureId.ShouldBe(procedure2);
        held.ShouldAllBe(m => m.SecretBallot && m.Body == DecisionBody.FullCommittee && m.Voters.Count == 9);
        (await api.Get<List<DecisionMeetingResponse>>($"decision-meetings?competitiveVoteId={held[0].CompetitiveVoteId}")).Count.ShouldBe(3);
    }

    [Fact]
    public async Task V6_half_of_the_members_is_not_more_than_half_so_nobody_is_approved()
    {
        var held = await api.Post<DecisionMeetingResponse[]>("decision-meetings/competitive",
            Vote(new(Guid.NewGuid(), 5, null), new(Guid.NewGuid(), 4, null)));

        held.ShouldAllBe(m => m.Outcome == DecisionOutcomes.Rejected);
    }

    [Fact]
    public async Task V6_one_candidate_or_more_votes_than_members_present_is_refused_and_nothing_is_stored()
    {
        var before = await api.Count<DecisionMeeting>();
        var lone = Guid.NewGuid();

        await VettingApi.ShouldBeRefused(await api.Post("decision-meetings/competitive", Vote(new(lone, 6), new(lone, 2))), "candidates", "V6");
        await VettingApi.ShouldBeRefused(await api.Post("decision-meetings/competitive",
            Vote(new(Guid.NewGuid(), 6), new(Guid.NewGuid(), 3), new(Guid.NewGuid(), 1))), "candidates", "V6");
        await VettingApi.ShouldBeRefused(await api.Post("decision-meetings/competitive",
            Vote(new(Guid.NewGuid(), 6), new(Guid.NewGuid(), 2)) with { Voters = VettingApi.Members(8) }), "voters", "C2");

        (await api.Count<DecisionMeeting>()).ShouldBe(before);
    }

    [Fact]
    public async Task V6_a_principal_post_is_not_voted_openly_by_the_standing_committee()
    {
        var response = await api.Post("decision-meetings/competitive",
            Vote(new(Guid.NewGuid(), 6), new(Guid.NewGuid(), 2)) with { Body = DecisionBody.StandingCommittee, SecretBallot = false });

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).ShouldContain("\"V6\"");
    }
}
