using Orchestration.Contracts.Vetting;
using Orchestration.ServiceDefaults.Security;
using Orchestration.Vetting.Decisions;
using Orchestration.Vetting.Deliberations;
using Orchestration.Vetting.PreFiling;
using Shouldly;
using Xunit;

namespace Orchestration.Vetting.Tests;

[Collection(VettingCollection.Name)]
public sealed class DeliberationAndDecisionApiTests(VettingHostFixture vetting)
{
    readonly VettingApi api = new(vetting);

    static HeadOpinion[] Opinions(DeliberationStance discipline) =>
    [
        new(DeliberationHead.Government, DeliberationStance.Agrees), new(DeliberationHead.PeoplesCongress, DeliberationStance.Agrees),
        new(DeliberationHead.PoliticalConsultativeConference, DeliberationStance.Agrees), new(DeliberationHead.DisciplineCommission, discipline),
    ];

    [Fact]
    public async Task V5_a_veto_by_the_discipline_commission_keeps_the_candidate_from_the_committee()
    {
        var deliberation = await api.Post<DeliberationResponse>("deliberations", new DeliberationRequest(Guid.NewGuid(), Opinions(DeliberationStance.Disagrees)));

        deliberation.Submitted.ShouldBeFalse();
        deliberation.RuleId.ShouldBe("V5");
    }

    [Fact]
    public async Task V5_no_veto_submits_the_candidate()
    {
        var deliberation = await api.Post<DeliberationResponse>("deliberations", new DeliberationRequest(Guid.NewGuid(), Opinions(DeliberationStance.Agrees)));

        deliberation.Submitted.ShouldBeTrue();
        deliberation.Opinions.Count.ShouldBe(4);
    }

    [Fact]
    public async Task V5_a_deliberation_without_every_head_is_refused_and_nothing_is_stored()
    {
        await VettingApi.ShouldBeRefused(
            await api.Post("deliberations", new DeliberationRequest(Guid.NewGuid(), Opinions(DeliberationStance.Agrees)[..3])), "opinions", "V5");
        (await api.Count<Deliberation>()).ShouldBe(0);
    }

    [Fact]
    public async Task V6_a_meeting_where_the_secretary_spoke_first_is_refused_and_nothing_is_stored()
    {
        var response = await api.Post("decision-meetings", new RecordDecisionMeetingRequest(Guid.NewGuid(), 10, 9, 7, 2, VettingApi.Members(9), Ballots: VettingApi.Ballots(9, 7, 2),
            SpeakingOrder: ["member-1", "member-2", "member-3"], Secretary: "member-1"));

        await VettingApi.ShouldBeRefused(response, "speakingOrder", "V6");
        (await api.Count<DecisionMeeting>()).ShouldBe(0);
    }

    [Fact]
    public async Task V6_a_meeting_where_the_secretary_spoke_last_is_recorded_with_its_order()
    {
        var meeting = await api.Post<DecisionMeetingResponse>("decision-meetings", new RecordDecisionMeetingRequest(Guid.NewGuid(), 10, 9, 7, 2,
            VettingApi.Members(9), Ballots: VettingApi.Ballots(9, 7, 2), SpeakingOrder: ["member-2", "member-3", "member-1"], Secretary: "member-1"));

        meeting.Outcome.ShouldBe(DecisionOutcomes.Approved);
        meeting.SpeakingOrder.ShouldBe(["member-2", "member-3", "member-1"]);
    }

    [Fact]
    public async Task V6_a_principal_post_voted_by_the_standing_committee_is_refused()
    {
        var response = await api.Post("decision-meetings", new RecordDecisionMeetingRequest(Guid.NewGuid(), 10, 9, 7, 2, VettingApi.Members(9),
            PrincipalPost: true, SecretBallot: true));

        await VettingApi.ShouldBeRefused(response, "body", "V6");
        (await api.Count<DecisionMeeting>()).ShouldBe(0);
    }

    [Fact]
    public async Task V6_a_principal_post_by_secret_ballot_of_the_full_committee_names_everyone_who_took_part()
    {
        var meeting = await api.Post<DecisionMeetingResponse>("decision-meetings", new RecordDecisionMeetingRequest(Guid.NewGuid(), 31, 25, 20, 5,
            VettingApi.Members(25), Body: DecisionBody.FullCommittee, PrincipalPost: true, SecretBallot: true));

        meeting.Outcome.ShouldBe(DecisionOutcomes.Approved);
        meeting.Voters.Count.ShouldBe(25);
    }

    [Fact]
    public async Task V6_a_decided_cadre_is_voted_again_only_after_half_of_the_committee_or_more_consent_to_reconsider()
    {
        // 「在征得一半以上常委同意的基础上，做出复议决定」 (seed 002): 以上 includes the number.
        var cadreId = Guid.NewGuid();
        var rejected = await api.Post<DecisionMeetingResponse>("decision-meetings", VettingApi.Meeting(cadreId, 10, 9, 5, 4));
        rejected.Outcome.ShouldBe(DecisionOutcomes.Rejected);
        var again = VettingApi.Meeting(cadreId, 10, 9, 7, 2);

        await VettingApi.ShouldBeRefused(await api.Post("decision-meetings", again), "cadreId", "V6");
        var four = await api.Post<ReconsiderationResponse>($"decision-meetings/{rejected.Id}/reconsiderations",
            new ReconsiderDecisionRequest(10, VettingApi.Members(4)));
        four.Allowed.ShouldBeFalse();
        four.RuleId.ShouldBe("V6");
        await VettingApi.ShouldBeRefused(await api.Post("decision-meetings", again), "cadreId", "V6");

        var five = await api.Post<ReconsiderationResponse>($"decision-meetings/{rejected.Id}/reconsiderations", new ReconsiderDecisionRequest(10, VettingApi.Members(5)));
        five.Allowed.ShouldBeTrue();
        (await api.Post<DecisionMeetingResponse>("decision-meetings", again)).Outcome.ShouldBe(DecisionOutcomes.Approved);
    }

    [Fact]
    public async Task V6_a_deferred_decision_may_be_voted_later_without_reconsideration()
    {
        var cadreId = Guid.NewGuid();
        (await api.Post<DecisionMeetingResponse>("decision-meetings", VettingApi.Meeting(cadreId, 10, 9, 0, 0) with { DeferredBySecretary = true })).Outcome.ShouldBe(DecisionOutcomes.Deferred);

        (await api.Approve(cadreId)).Outcome.ShouldBe(DecisionOutcomes.Approved);
    }

    [Fact]
    public async Task V7_deciding_an_over_quota_appointment_without_the_superiors_approval_is_refused()
    {
        var response = await api.Post("decision-meetings", new RecordDecisionMeetingRequest(Guid.NewGuid(), 10, 9, 7, 2, VettingApi.Members(9), Ballots: VettingApi.Ballots(9, 7, 2),
            PreFilingCases: [PreFilingCase.OverQuota]));

        await VettingApi.ShouldBeRefused(response, "preFilingCases", "V7");
        (await api.Count<DecisionMeeting>()).ShouldBe(0);
    }

    [Fact]
    public async Task V7_a_refused_review_blocks_the_decision_and_an_approval_recorded_later_allows_it()
    {
        var cadreId = Guid.NewGuid();
        var refused = await api.Post<PreFilingReviewResponse>("pre-filings", new PreFilingReviewRequest(cadreId, [PreFilingCase.PastSanction], false, "州委组织部"));
        refused.Approved.ShouldBeFalse();

        await VettingApi.ShouldBeRefused(await api.Post("decision-meetings", VettingApi.Meeting(cadreId, 10, 9, 7, 2)),
            "preFilingCases", "V7");

        await api.Post<PreFilingReviewResponse>("pre-filings", new PreFilingReviewRequest(cadreId, [PreFilingCase.PastSanction], true, "州委组织部", "州组审〔2026〕12号"));
        (await api.Approve(cadreId)).Outcome.ShouldBe(DecisionOutcomes.Approved);
    }

    [Fact]
    public async Task V7_a_review_without_a_case_is_bad_input()
    {
        await VettingApi.ShouldBeRefused(await api.Post("pre-filings", new PreFilingReviewRequest(Guid.NewGuid(), [], true, "州委组织部")), "cases", "V7");
        (await api.Count<PreFilingReview>()).ShouldBe(0);
    }

    [Fact]
    public async Task A_caller_of_another_tenant_cannot_see_the_deliberation()
    {
        var deliberation = await api.Post<DeliberationResponse>("deliberations", new DeliberationRequest(Guid.NewGuid(), Opinions(DeliberationStance.Agrees)));

        (await api.Client(VettingApi.NewTenant(), Roles.CommitteeSecretary).GetAsync($"/api/vetting/deliberations/{deliberation.Id}")).StatusCode
            .ShouldBe(System.Net.HttpStatusCode.NotFound);
    }
}
